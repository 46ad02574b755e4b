package dev.earshot.response.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.quarkus.test.junit.QuarkusTest;

/** The queue listing's query parameters: repeated and comma-separated statuses agree, the unknown is a 400. */
@QuarkusTest
class QueueFiltersTest {

    @Test
    void repeatedAndCommaSeparatedStatusesAreTheSameAndUnknownParametersAre400() {
        List<Integer> comma = given().auth().oauth2(DevJwt.token("agent")).queryParam("status", "open,resolved")
                .queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        List<Integer> repeated = given().auth().oauth2(DevJwt.token("agent")).queryParam("status", "open", "resolved")
                .queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertEquals(comma, repeated);

        given().auth().oauth2(DevJwt.token("agent")).queryParam("stauts", "open").get("/api/v1/tasks").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("unknown query parameter stauts; known are assignee, cursor, intent, limit, "
                        + "needsReply, sentiment, source, status, team, text, tier"));
        given().auth().oauth2(DevJwt.token("agent")).queryParam("team", "support", "legal").get("/api/v1/tasks").then()
                .statusCode(400).body("detail", equalTo("team takes one value"));
        given().auth().oauth2(DevJwt.token("agent")).queryParam("status", "open", "nope").get("/api/v1/tasks").then()
                .statusCode(400).body("detail", equalTo("status must be all or a comma-separated list of "
                        + String.join(", ", dev.earshot.response.task.TaskStatus.wireNames())));
        given().auth().oauth2(DevJwt.token("agent")).queryParam("tier", "P9").get("/api/v1/tasks").then()
                .statusCode(400);
    }
}
