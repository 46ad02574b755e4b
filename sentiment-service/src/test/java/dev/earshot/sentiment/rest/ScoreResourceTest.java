package dev.earshot.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ScoreResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void scoresABatchInOrder() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of(
                        "I love this product, thank you so much! Best purchase ever :)",
                        "Your app has been down all day, worst service ever. I want a refund!",
                        "The quarterly meeting is scheduled for Tuesday at 3pm in the main building.")))
                .when().post("/api/v1/score")
                .then().statusCode(200)
                .body("results", hasSize(3))
                .body("results[0].sentiment.label", equalTo("positive"))
                .body("results[0].sentiment.score", greaterThan(0f))
                .body("results[0].intents", contains("praise"))
                .body("results[1].sentiment.label", equalTo("negative"))
                .body("results[1].sentiment.score", lessThan(0f))
                .body("results[1].urgency.reasons", hasItem("mentions an outage"))
                .body("results[1].urgency.reasons", hasItem("mentions money or billing"))
                .body("results[1].intents", hasItem("outage"))
                .body("results[2].sentiment.label", equalTo("neutral"))
                .body("results[2].urgency.level", equalTo("low"))
                .body("results[0].sentiment.probabilities.keySet()", contains("negative", "neutral", "positive"))
                .body("results[0].language", equalTo("en"))
                .body("results[0].languageSupported", equalTo(true))
                .body("results[0].truncated", equalTo(false))
                .body("results[0].urgency.needsReply", equalTo(false))
                .body("results[0].sentiment.drivers.size()", greaterThan(0))
                .body("results[0].sentiment.drivers[0].weight", greaterThan(0f))
                .body("results[1].urgency.needsReply", equalTo(true))
                .body("results[1].sentiment.drivers[0].weight", lessThan(0f))
                .body("results[2].urgency.needsReply", equalTo(false))
                .body("modelVersion", startsWith("sentiment-en-"));
    }

    @Test
    void longTextsAreTruncatedAndFlagged() {
        String longText = "great ".repeat(1_000);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("short and sweet", longText)))
                .when().post("/api/v1/score")
                .then().statusCode(200)
                .body("results[0].truncated", equalTo(false))
                .body("results[1].truncated", equalTo(true));
    }

    @Test
    void aLanguageWithoutAModelIsSaidNotGuessed() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of(
                        "De dienst is sinds vanochtend volledig uitgevallen en niemand reageert op mijn berichten",
                        "lol ok")))
                .when().post("/api/v1/score")
                .then().statusCode(200)
                .body("results[0].language", equalTo("nl"))
                .body("results[0].languageSupported", equalTo(false))
                .body("results[0].sentiment.label", equalTo("neutral"))
                .body("results[0].sentiment.score", equalTo(0f))
                .body("results[0].sentiment.drivers", hasSize(0))
                .body("results[1].language", equalTo("en"))
                .body("results[1].languageSupported", equalTo(true));
    }

    @Test
    void aTextWithNothingToScoreGetsItsOwnOutcomeAndTheRestAreScored() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("fine", "!!! ... https://acme.example", "  ",
                        "Your app has been down all day, worst service ever")))
                .when().post("/api/v1/score")
                .then().statusCode(200)
                .body("results", hasSize(4))
                .body("results[0].scorable", equalTo(true))
                .body("results[0].sentiment.label", notNullValue())
                .body("results[1].scorable", equalTo(false))
                .body("results[1].reason", containsString("nothing left to score"))
                .body("results[1].sentiment", nullValue())
                .body("results[1].urgency", nullValue())
                .body("results[2].scorable", equalTo(false))
                .body("results[2].reason", equalTo("text is empty"))
                .body("results[3].scorable", equalTo(true))
                .body("results[3].sentiment.label", equalTo("negative"))
                .body("results[3].intents", hasItem("outage"));
    }

    @Test
    void germanSpanishFrenchItalianAndPortugueseAreScoredByTheirOwnModels() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of(
                        "Le service est en panne depuis ce matin et personne ne répond à mes messages",
                        "Was für ein schrecklicher Service, ich bin total enttäuscht und wütend")))
                .when().post("/api/v1/score")
                .then().statusCode(200)
                .body("results[0].language", equalTo("fr"))
                .body("results[0].languageSupported", equalTo(true))
                .body("results[0].intents", hasItem("outage"))
                .body("results[0].urgency.needsReply", equalTo(true))
                .body("results[1].language", equalTo("de"))
                .body("results[1].languageSupported", equalTo(true))
                .body("results[1].sentiment.label", equalTo("negative"));
    }

    @Test
    void moreThanOneHundredTextsIs413Problem() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", Collections.nCopies(101, "hello")))
                .when().post("/api/v1/score")
                .then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413)).body("type", equalTo(Problems.TYPE_BASE + "payload-too-large"))
                .body("title", equalTo("Payload too large"))
                .body("detail", equalTo("at most 100 texts per request, got 101"))
                .body("instance", equalTo("/api/v1/score"));
    }

    @Test
    void anEmptyListOrAnUnreadableBodyIs400Problem() {
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of()))
                .when().post("/api/v1/score")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body("type", equalTo(Problems.TYPE_BASE + "invalid-request"))
                .body("detail", equalTo("texts must hold at least one text"));
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body("{\"texts\": [")
                .when().post("/api/v1/score")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(Problems.TYPE_BASE + "invalid-request"));
    }

    @Test
    void withoutATokenIs401Problem() {
        given().contentType(ContentType.JSON).body(Map.of("texts", List.of("hi")))
                .when().post("/api/v1/score")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo(Problems.TYPE_BASE + "unauthorized"))
                .body("detail", equalTo("a valid bearer token is required"));
    }

    @Test
    void aTokenSignedByAStrangerIs401Problem() {
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("hi")))
                .when().post("/api/v1/score")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIs401Problem() {
        for (String audience : new String[] {"another-app", null}) {
            given().auth().oauth2(DevJwt.token("tester@earshot.test", "admin", DevJwt.ISSUER,
                    java.time.Duration.ofHours(1), audience)).contentType(ContentType.JSON)
                    .body(Map.of("texts", List.of("hi")))
                    .when().post("/api/v1/score")
                    .then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void aTokenWithoutAnAllowedRoleIs403Problem() {
        given().auth().oauth2(DevJwt.token("visitor")).contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("hi")))
                .when().post("/api/v1/score")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403))
                .body("type", equalTo(Problems.TYPE_BASE + "forbidden"))
                .body("detail", equalTo("the token's roles do not allow this"));
    }

    @Test
    void anUnknownPathIs404Problem() {
        given().auth().oauth2(DevJwt.token("agent"))
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(Problems.TYPE_BASE + "http-404"));
    }

    @Test
    void modelEndpointGivesVersionAndDevSplitFigures() {
        given().auth().oauth2(DevJwt.token("admin"))
                .when().get("/api/v1/model")
                .then().statusCode(200)
                .body("modelVersion", startsWith("sentiment-en-"))
                .body("sentiment.trainingData.sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("sentiment.evaluation.macroRecall", greaterThan(0.63f))
                .body("sentiment.evaluation.confusionMatrix", hasSize(3))
                .body("sentiment.evaluation.labels", contains("negative", "neutral", "positive"))
                .body("sentiment.baseline.macroRecall", lessThan(0.63f))
                .body("sentiment.decision.classWeights.negative", greaterThan(1f))
                .body("sentiment.timeEvaluation.split", containsString("most recent"))
                .body("sentiment.timeEvaluation.macroRecall", greaterThan(0.6f))
                .body("sentiment.timeBaseline.macroRecall", lessThan(0.6f))
                .body("sentiment.intensityCorrelation.mean", greaterThan(0.5f))
                .body("sentimentByLanguage.keySet()", contains("de", "es", "fr", "it", "pt"))
                .body("sentimentByLanguage.de.evaluation.macroF1", greaterThan(0.55f))
                .body("language.supportedLanguages", equalTo("en,de,es,fr,it,pt"))
                .body("intents.joined.outage.precision", greaterThan(0f))
                .body("intents.heldBackPosts", greaterThan(100))
                .body("language.artifact", containsString("opennlp-models-langdetect"));
        given().when().get("/api/v1/model").then().statusCode(401);
    }
}
