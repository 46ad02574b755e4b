package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class ApiSecurityAndErrorsTest extends ListenerTestSupport {

    @Test
    void withoutTokenIs401ProblemJson() {
        given().get("/api/v1/rules").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("type", equalTo("https://earshot.dev/problems/unauthorized"))
                .body("detail", equalTo("a valid bearer token is required"))
                .body("instance", equalTo("/api/v1/rules"));
    }

    @Test
    void tokenSignedByStrangerIs401() {
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).get("/api/v1/sources").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
        given().auth().oauth2(DevJwt.tokenSignedByStranger("admin")).post("/api/v1/sources/hackernews/poll")
                .then().statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIs401() {
        for (String audience : new String[] {"another-app", null}) {
            String token = DevJwt.token("tester@earshot.test", "admin", DevJwt.ISSUER, java.time.Duration.ofHours(1),
                    audience);
            given().auth().oauth2(token).get("/api/v1/sources").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"));
            given().auth().oauth2(token).contentType("application/json").body("[]").post("/api/v1/ingest").then()
                    .statusCode(401);
        }
        given().auth().oauth2(DevJwt.token("admin")).get("/api/v1/sources").then().statusCode(200);
    }

    @Test
    void agentMayReadButNotTriggerAPoll() {
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/rules").then().statusCode(200)
                .body("items.id", containsInAnyOrder("graalvm", "quarkus"))
                .body("items.find { it.id == 'quarkus' }.query", equalTo("quarkus"))
                .body("items.find { it.id == 'quarkus' }.origin", equalTo("configuration"));
        given().auth().oauth2(DevJwt.token("agent")).post("/api/v1/sources/hackernews/poll").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403))
                .body("type", equalTo("https://earshot.dev/problems/forbidden"))
                .body("detail", equalTo("the token's roles do not allow this"))
                .body("instance", equalTo("/api/v1/sources/hackernews/poll"));
        algolia.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void adminMayTriggerAPoll() {
        given().auth().oauth2(DevJwt.token("admin")).post("/api/v1/sources/hackernews/poll").then().statusCode(200)
                .body("outcome", equalTo("ok")).body("fetched", equalTo(0));
    }

    @Test
    void deadLetterLimitOutOfRangeIs400ProblemJson() {
        given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 0).get("/api/v1/dead-letters").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("type", equalTo("https://earshot.dev/problems/invalid-request"))
                .body("detail", equalTo("limit must be an integer from 1 to 200"));
    }

    @Test
    void unknownPathIs404ProblemJson() {
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://earshot.dev/problems/http-404")).body("detail", equalTo("no such resource"));
    }

    @Test
    void openApiAndMetricsAreOpen() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/dead-letters'.get.parameters.name", containsInAnyOrder("limit", "cursor"))
                .body("paths.'/api/v1/rules'.get.parameters.name", containsInAnyOrder("limit", "cursor"))
                .body("paths.'/api/v1/rules'.get.parameters.find { it.name == 'limit' }.schema.maximum", equalTo(200))
                .body("paths.'/api/v1/rules/{id}'.put.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/RuleRequest"))
                .body("paths.'/api/v1/ingest'.post.requestBody.content.'application/json'.schema.oneOf.size()",
                        equalTo(3))
                .body("components.schemas.PushedPost.properties.source.type", equalTo("string"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
