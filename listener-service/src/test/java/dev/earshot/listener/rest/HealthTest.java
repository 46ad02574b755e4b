package dev.earshot.listener.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.AlgoliaWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class HealthTest {

    @Test
    void readinessIsUpWithRedisAndRabbitMq() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsStringIgnoringCase("redis")))
                .body("checks.find { it.name == 'rabbitmq-publisher' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outages' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'feed-leases' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'feed-leases' }.data.replica", notNullValue());
    }
}
