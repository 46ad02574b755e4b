package dev.earshot.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI and metrics answer without a token. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessIsUpWithTheRabbitMqChecks() {
        // readiness is down while an earlier test's held scored mentions still wait out their back-off
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsStringIgnoringCase("messaging")));
    }

    @Test
    void openApiIsOpenAndDescribesTheScoreEndpoint() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/score"));
    }

    @Test
    void metricsAreOpen() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_"))
                .body(containsString("earshot_sentiment_mentions_total{outcome=\"dead-lettered\""));
    }
}
