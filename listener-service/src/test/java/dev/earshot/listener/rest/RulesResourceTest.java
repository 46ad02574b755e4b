package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.rules.RuleStore;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class RulesResourceTest extends ListenerTestSupport {

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().oauth2(DevJwt.token(role)).contentType(ContentType.JSON);
    }

    @Test
    void aLeadCreatesReplacesAndDeletesARuleStoredInRedis() {
        as("lead").body("{\"query\": \"acme AND (outage OR down) -test\", \"languages\": [\"en\"], \"sources\": [\"reddit\"]}")
                .put("/api/v1/rules/acme").then().statusCode(201)
                .body("id", equalTo("acme")).body("origin", equalTo("api")).body("languages", contains("en"))
                .body("sources", contains("reddit")).body("searchTerms", contains("acme"));
        assertNotNull(redis.hash(String.class).hget(RuleStore.REDIS_KEY, "acme"));

        as("agent").get("/api/v1/rules").then().statusCode(200).body("items.id", contains("acme", "graalvm", "quarkus"));
        as("agent").get("/api/v1/rules/acme").then().statusCode(200)
                .body("query", equalTo("acme AND (outage OR down) -test"));

        as("admin").body("{\"query\": \"#acme OR \\\"acme cloud\\\"\"}").put("/api/v1/rules/acme").then()
                .statusCode(200).body("hashtags", contains("acme")).body("searchTerms", contains("acme", "acme cloud"));

        as("lead").delete("/api/v1/rules/acme").then().statusCode(204);
        assertNull(redis.hash(String.class).hget(RuleStore.REDIS_KEY, "acme"));
        as("agent").get("/api/v1/rules/acme").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("no rule acme"));
        as("lead").delete("/api/v1/rules/acme").then().statusCode(404);
    }

    @Test
    void anApiRuleOverridesAndATombstoneHidesAConfiguredOne() {
        as("lead").body("{\"query\": \"quarkus OR mandrel\"}").put("/api/v1/rules/quarkus").then().statusCode(200)
                .body("origin", equalTo("api"));
        as("agent").get("/api/v1/rules/quarkus").then().body("query", equalTo("quarkus OR mandrel"));

        as("lead").delete("/api/v1/rules/quarkus").then().statusCode(204);
        as("agent").get("/api/v1/rules").then().body("items.id", contains("graalvm"));

        as("lead").body("{\"query\": \"quarkus\"}").put("/api/v1/rules/quarkus").then().statusCode(201);
        as("agent").get("/api/v1/rules").then().body("items.id", containsInAnyOrder("graalvm", "quarkus"));
    }

    @Test
    void lowerCaseOperatorsOnlyNegativeTermsAndUnknownLanguagesAreRefused() {
        as("lead").body("{\"query\": \"acme and outage\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Invalid rule query"))
                .body("detail", startsWith("'and' at column 6: write AND in capitals"));
        as("lead").body("{\"query\": \"acme not test\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", startsWith("'not' at column 6"));
        as("lead").body("{\"query\": \"acme \\\"and\\\" co OR Acme\"}").put("/api/v1/rules/quoted").then()
                .statusCode(201);
        as("lead").body("{\"query\": \"NOT spam -test\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", startsWith("the query can match a post without any of its terms (only NOT or '-' "
                        + "terms at column 1)"));
        as("lead").body("{\"query\": \"acme OR -test\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", containsString("column 9"));
        as("lead").body("{\"query\": \"acme\", \"languages\": [\"en-US\", \"xx\"]}").put("/api/v1/rules/bad")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("languages: 'xx' is not an ISO 639-1 language code (e.g. en, de, pt-BR)"));
        as("agent").get("/api/v1/rules/bad").then().statusCode(404);
    }

    @Test
    void aKeywordIsAcceptedAsInConfiguration() {
        as("lead").body("{\"keyword\": \"acme cloud\"}").put("/api/v1/rules/kw").then().statusCode(201)
                .body("query", equalTo("\"acme cloud\"")).body("searchTerms", contains("acme cloud"));
        as("lead").body("{\"keyword\": \"and\"}").put("/api/v1/rules/kw").then().statusCode(200)
                .body("query", equalTo("\"and\""));
        as("lead").body("{\"keyword\": \"acme\", \"query\": \"acme\"}").put("/api/v1/rules/kw").then()
                .statusCode(400).body("detail", equalTo("give query or keyword, not both"));
        as("lead").delete("/api/v1/rules/kw").then().statusCode(204);
    }

    @Test
    void aMalformedQueryIs400SayingWhere() {
        as("lead").body("{\"query\": \"acme AND down)\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(400))
                .body("title", equalTo("Invalid rule query")).body("detail", equalTo("unexpected ')' at column 14"));
        as("lead").body("{\"query\": \"a \\\"acme cloud\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", equalTo("unterminated quote starting at column 3"));
        as("lead").body("{\"languages\": [\"en\"]}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", equalTo("query is required and must be a non-empty string"));
        as("lead").body("{\"query\": ").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", startsWith("the body is not valid JSON"));
        as("lead").body("{\"query\": \"x\", \"sources\": \"reddit\"}").put("/api/v1/rules/bad").then().statusCode(400)
                .body("detail", equalTo("sources must be an array of strings"));
        as("lead").body("{\"query\": \"x\"}").put("/api/v1/rules/bad id!").then().statusCode(400);
        as("agent").get("/api/v1/rules/bad").then().statusCode(404);
    }

    @Test
    void aDeeplyNestedQueryOrBodyIs400NotAStackOverflow() {
        String deep = "(".repeat(720) + "acme" + ")".repeat(720);
        as("lead").body("{\"query\": \"" + deep + "\"}").put("/api/v1/rules/deep").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Invalid rule query"))
                .body("detail", equalTo("nested deeper than 32 levels at column 33"));
        as("lead").body("{\"query\": \"acme\", \"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}")
                .put("/api/v1/rules/deep").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("the body is not valid JSON: Document nesting depth (65) exceeds"));
        as("agent").get("/api/v1/rules/deep").then().statusCode(404);
    }

    @Test
    void agentsMayNotChangeRules() {
        as("agent").body("{\"query\": \"x\"}").put("/api/v1/rules/x").then().statusCode(403);
        as("agent").delete("/api/v1/rules/quarkus").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"query\": \"x\"}").put("/api/v1/rules/x").then().statusCode(401);
    }
}
