package dev.earshot.response.reply;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SavedReplyResourceTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private static String body(String team, String name, String text) {
        return "{\"team\":\"" + team + "\",\"name\":\"" + name + "\",\"body\":\"" + text + "\"}";
    }

    @Test
    void unknownPlaceholdersAreRefusedAndAuthorIsWhoeverIsAnswered() {
        for (String unknown : java.util.List.of("{first_name}", "{Author}", "{author.name}", "{agent_email}")) {
            given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                    .body(body("support", "bad-" + UUID.randomUUID(), "Hi " + unknown + "!"))
                    .post("/api/v1/saved-replies").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("unknown placeholder " + unknown));
        }
        long id = given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("support", "hello-" + UUID.randomUUID(), "Hi {author}, thanks"))
                .post("/api/v1/saved-replies").then().statusCode(201).extract().jsonPath().getLong("id");

        // the thread starter (carol) and a later post needing a reply by dave: the draft answers dave
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        com.fasterxml.jackson.databind.node.ObjectNode dave = TestData.scoredNode(mentionId(), conversationId, 0.6,
                -0.7, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) dave.get("mention").get("author")).put("handle", "dave")
                .put("id", "u2");
        // posted after carol (whose post is dated 30 s ago)
        ((com.fasterxml.jackson.databind.node.ObjectNode) dave.get("mention")).put("createdAt",
                java.time.Instant.now().toString());
        Ingest.record(service, mapper, dave);
        long task = TestData.taskId(dataSource, conversationId);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                .body("text", equalTo("Hi dave, thanks"));
        given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id).then().statusCode(204);
    }

    @Test
    void leadsManageSavedRepliesAndAgentsFillThemForATask() {
        String name = "apology-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Response created = given().auth().oauth2(DevJwt.token("lead")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body("support", name, "Hi {author}, sorry! We are on it: {link} ({team}) - {agent}"))
                .post("/api/v1/saved-replies");
        created.then().statusCode(201).body("version", equalTo(1)).body("createdBy", equalTo("tester@earshot.test"));
        long id = created.jsonPath().getLong("id");
        given().auth().oauth2(DevJwt.token("lead")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body("support", name, "Hi {author}, sorry! We are on it: {link} ({team}) - {agent}"))
                .post("/api/v1/saved-replies").then().statusCode(201).body("id", equalTo((int) id));
        given().auth().oauth2(DevJwt.token("admin")).contentType(ContentType.JSON)
                .body(body("support", name, "again")).post("/api/v1/saved-replies").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON)
                .body(body("support", "mine", "x")).post("/api/v1/saved-replies").then().statusCode(403);
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("support", "bad", "Hi {customer}")).post("/api/v1/saved-replies").then().statusCode(400)
                .body("detail", containsString("{customer}"));
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON)
                .body(body("marketing", "bad", "x")).post("/api/v1/saved-replies").then().statusCode(400);
        given().auth().oauth2(DevJwt.token("agent")).queryParam("team", "support").get("/api/v1/saved-replies")
                .then().statusCode(200).body("items.find { it.id == " + id + " }.name", equalTo(name));

        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.6, -0.6, null));
        long task = TestData.taskId(dataSource, conversationId);
        String permalink = TestData.detail(task).getString("permalink");
        given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, java.time.Duration.ofHours(1)))
                .contentType(ContentType.JSON).body("{\"savedReplyId\":" + id + "}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(200)
                .body("text", equalTo("Hi carol, sorry! We are on it: " + permalink + " (support) - ann@acme.example"));
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{\"savedReplyId\":987654321}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("agent")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/tasks/{id}/reply-draft", task).then().statusCode(400);

        String etag = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/{id}", id).then()
                .statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", etag);
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(body("support", name, "Hello {author}")).put("/api/v1/saved-replies/{id}", id).then()
                .statusCode(200).body("version", equalTo(2)).header("ETag", "\"2\"");
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).contentType(ContentType.JSON)
                .body(body("support", name, "stale")).put("/api/v1/saved-replies/{id}", id).then().statusCode(412);
        given().auth().oauth2(DevJwt.token("lead")).header("If-Match", etag).delete("/api/v1/saved-replies/{id}", id)
                .then().statusCode(412);
        given().auth().oauth2(DevJwt.token("lead")).delete("/api/v1/saved-replies/{id}", id).then().statusCode(204);
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/{id}", id).then().statusCode(404);
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/saved-replies/x1").then().statusCode(400);
    }
}
