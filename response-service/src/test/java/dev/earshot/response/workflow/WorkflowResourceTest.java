package dev.earshot.response.workflow;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class WorkflowResourceTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(DevJwt.token(subject, role, DevJwt.ISSUER, Duration.ofHours(1)));
    }

    static RequestSpecification agent(String subject) {
        return as(subject, "agent");
    }

    /** A new task with one post; returns its id. */
    long task(double urgency, double sentiment) {
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, urgency, sentiment, null));
        return idOf(conversationId);
    }

    long idOf(String conversationId) {
        return TestData.taskId(dataSource, conversationId);
    }

    static String etag(long id) {
        return given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}", id).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
    }

    @Test
    void claimNoteResolveReopenDismissWithTheAuditTrail() {
        long id = task(0.6, -0.6);
        String etag = etag(id);
        assertEquals("\"" + TestData.detail(id).getLong("version") + "\"", etag);

        Response claimed = agent("ann@acme.example").header("If-Match", etag).post("/api/v1/tasks/{id}/claim", id);
        claimed.then().statusCode(200).body("status", equalTo("claimed")).body("assignee", equalTo("ann@acme.example"))
                .body("claimedAt", notNullValue());
        String afterClaim = claimed.header("ETag");
        assertNotEquals(etag, afterClaim);

        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"text\":\"asked engineering\"}")
                .post("/api/v1/tasks/{id}/notes", id).then().statusCode(200)
                .body("notes[0].text", equalTo("asked engineering")).body("notes[0].author", equalTo("ann@acme.example"))
                .body("status", equalTo("claimed"));

        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/reply/1\",\"replyText\":\"Fixed now, sorry!\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("resolved")).body("replyUrl", equalTo("https://example.org/reply/1"))
                .body("replyText", equalTo("Fixed now, sorry!")).body("firstResponseBy", equalTo("ann@acme.example"))
                .body("firstResponseInSla", equalTo(true)).body("resolvedAt", notNullValue())
                .body("secondsToBreach", nullValue());

        // another agent may not reopen ann's resolved task (and so erase nothing of hers); a lead may
        agent("bob@acme.example").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        String firstResponseAt = TestData.detail(id).getString("firstResponseAt");
        as("lena@acme.example", "lead").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(200)
                .body("status", equalTo("open")).body("assignee", nullValue()).body("secondsToBreach", notNullValue())
                .body("firstResponseAt", equalTo(firstResponseAt)).body("firstResponseBy", equalTo("ann@acme.example"))
                .body("firstResponseInSla", equalTo(true));

        agent("bob@acme.example").contentType(ContentType.JSON).body("{\"reason\":\"spam\"}")
                .post("/api/v1/tasks/{id}/dismiss", id).then().statusCode(200)
                .body("status", equalTo("dismissed")).body("dismissReason", equalTo("spam"));

        JsonPath history = agent("ann@acme.example").get("/api/v1/tasks/{id}/history", id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("created", "claimed", "noted", "resolved", "reopened", "dismissed"),
                history.getList("items.action"));
        assertEquals(List.of("system", "ann@acme.example", "ann@acme.example", "ann@acme.example",
                "lena@acme.example", "bob@acme.example"), history.getList("items.actor"));
        assertEquals("claimed", history.getString("items[3].fromStatus"));
        assertEquals("resolved", history.getString("items[3].toStatus"));
        assertTrue(history.getList("items.at").stream().allMatch(at -> at != null));
    }

    @Test
    void repliesAreRecordsAndReplyingKeepsTheTaskOpen() {
        long id = task(0.6, -0.6);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        String key = "reply-" + UUID.randomUUID();
        String dm = "{\"channel\":\"dm\",\"text\":\"Sent you the refund details by DM\"}";
        Response first = agent("ann@acme.example").header("If-Match", etag(id)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(dm).post("/api/v1/tasks/{id}/replies", id);
        first.then().statusCode(200).body("status", equalTo("claimed")).body("assignee", equalTo("ann@acme.example"))
                .body("replies.size()", equalTo(1)).body("replies[0].channel", equalTo("dm"))
                .body("replies[0].link", nullValue()).body("replies[0].author", equalTo("ann@acme.example"))
                .body("replies[0].text", equalTo("Sent you the refund details by DM"))
                .body("firstResponseBy", equalTo("ann@acme.example")).body("firstResponseInSla", equalTo(true))
                .body("secondsToBreach", nullValue()).body("resolvedAt", nullValue());
        String firstResponseAt = first.jsonPath().getString("firstResponseAt");
        // a retry with the same key records nothing twice; the same key with another body is 422
        agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON).body(dm)
                .post("/api/v1/tasks/{id}/replies", id).then().statusCode(200).body("replies.size()", equalTo(1))
                .header("ETag", equalTo(first.header("ETag")));
        agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\"}").post("/api/v1/tasks/{id}/replies", id).then().statusCode(422);
        agent("ann@acme.example").header("If-Match", "\"1\"").contentType(ContentType.JSON).body(dm)
                .post("/api/v1/tasks/{id}/replies", id).then().statusCode(412);
        // what a reply may carry
        for (String bad : List.of("{\"channel\":\"public\"}", "{\"channel\":\"dm\",\"link\":\"ftp://example.org/x\"}",
                "{\"channel\":\"fax\"}", "{\"text\":\"no channel\"}", "{\"channel\":\"dm\",\"text\":\"  \"}",
                "{\"channel\":\"dm\",\"text\":\"" + "x".repeat(10_001) + "\"}")) {
            agent("ann@acme.example").contentType(ContentType.JSON).body(bad).post("/api/v1/tasks/{id}/replies", id)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
        agent("bob@acme.example").contentType(ContentType.JSON).body(dm).post("/api/v1/tasks/{id}/replies", id)
                .then().statusCode(409).body("detail", containsString("claimed by ann@acme.example"));
        // a second, public reply: the first response stays the first one
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"channel\":\"public\",\"link\":\"https://example.org/reply/2\"}")
                .post("/api/v1/tasks/{id}/replies", id).then().statusCode(200).body("status", equalTo("claimed"))
                .body("replies.channel", equalTo(List.of("dm", "public")))
                .body("replyUrl", equalTo("https://example.org/reply/2"))
                .body("firstResponseAt", equalTo(firstResponseAt));

        // resolve needs no URL now; a reopen keeps the replies and the first response
        agent("ann@acme.example").contentType(ContentType.JSON).body("{}").post("/api/v1/tasks/{id}/resolve", id)
                .then().statusCode(200).body("status", equalTo("resolved")).body("replies.size()", equalTo(2));
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"channel\":\"dm\"}").post("/api/v1/tasks/{id}/replies", id).then().statusCode(409)
                .body("detail", containsString("while it is resolved"));
        agent("ann@acme.example").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(200)
                .body("status", equalTo("open")).body("replies.size()", equalTo(2))
                .body("firstResponseAt", equalTo(firstResponseAt)).body("firstResponseBy", equalTo("ann@acme.example"));
        // resolve may carry a reply, recorded as /replies does
        agent("bob@acme.example").contentType(ContentType.JSON)
                .body("{\"reply\":{\"channel\":\"email\",\"text\":\"Refund sent\"}}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200).body("status", equalTo("resolved"))
                .body("replies.author", equalTo(List.of("ann@acme.example", "ann@acme.example", "bob@acme.example")))
                .body("replies[2].channel", equalTo("email")).body("firstResponseBy", equalTo("ann@acme.example"));
        List<String> actions = agent("ann@acme.example").get("/api/v1/tasks/{id}/history", id).then()
                .extract().jsonPath().getList("items.action");
        assertEquals(List.of("created", "claimed", "replied", "replied", "resolved", "reopened", "resolved"), actions);
    }

    @Test
    void aReopenNeverRewritesTheRecordedFirstResponse() {
        long id = task(0.6, -0.6);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/reply/7\",\"replyText\":\"Fixed\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        JsonPath first = TestData.detail(id);

        as("lena@acme.example", "admin").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(200);
        agent("bob@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        agent("bob@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/reply/8\",\"replyText\":\"Fixed again\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200)
                .body("replyUrl", equalTo("https://example.org/reply/8")).body("assignee", equalTo("bob@acme.example"))
                .body("firstResponseBy", equalTo("ann@acme.example"))
                .body("firstResponseAt", equalTo(first.getString("firstResponseAt")))
                .body("firstResponseInSla", equalTo(true)).body("secondsToBreach", nullValue());
        // bob may reopen the task he resolved himself; the first response is still ann's
        agent("bob@acme.example").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(200)
                .body("firstResponseBy", equalTo("ann@acme.example")).body("secondsToBreach", notNullValue());
    }

    @Test
    void invalidTransitionsAre409Problems() {
        long id = task(0.3, 0.0);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/reopen", id).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("while it is open"));
        agent("ann@acme.example").post("/api/v1/tasks/{id}/unassign", id).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        agent("bob@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(409)
                .body("detail", containsString("claimed by ann@acme.example"));
        agent("bob@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"hi\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(409);
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"hi\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"again\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(409)
                .body("detail", containsString("while it is resolved"));
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"until\":\"" + Instant.now().plusSeconds(600) + "\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(409);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(409);
    }

    @Test
    void aStaleIfMatchIs412AndTheCurrentOneWins() {
        long id = task(0.5, -0.4);
        String read = etag(id);
        agent("ann@acme.example").header("If-Match", read).contentType(ContentType.JSON).body("{\"text\":\"first\"}")
                .post("/api/v1/tasks/{id}/notes", id).then().statusCode(200);
        agent("bob@acme.example").header("If-Match", read).contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"stale\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(412).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(412)).body("detail", containsString("changed since you read it"));
        assertEquals("open", TestData.detail(id).getString("status"));
        agent("bob@acme.example").header("If-Match", "W/" + etag(id)).contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"fresh\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200).body("replyText", equalTo("fresh"));
        agent("bob@acme.example").header("If-Match", "\"not-a-version\"").post("/api/v1/tasks/{id}/reopen", id)
                .then().statusCode(412);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest() {
        long id = task(0.5, -0.4);
        String key = UUID.randomUUID().toString();
        String first = agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"text\":\"only once\"}").post("/api/v1/tasks/{id}/notes", id).then().statusCode(200)
                .extract().asString();
        Response retry = agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"text\":\"only once\"}").post("/api/v1/tasks/{id}/notes", id);
        retry.then().statusCode(200).header("ETag", notNullValue());
        assertEquals(JsonPath.from(first).getList("notes"), retry.jsonPath().getList("notes"));
        assertEquals(1, TestData.detail(id).getList("notes").size());
        agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"text\":\"something else\"}").post("/api/v1/tasks/{id}/notes", id).then().statusCode(422)
                .contentType(Problem.MEDIA_TYPE);
        // the key belongs to its caller: another agent's identical key is theirs
        agent("bob@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"text\":\"only once\"}").post("/api/v1/tasks/{id}/notes", id).then().statusCode(200);
        assertEquals(2, TestData.detail(id).getList("notes").size());
        agent("ann@acme.example").header("Idempotency-Key", "x".repeat(201)).post("/api/v1/tasks/{id}/claim", id)
                .then().statusCode(400);
    }

    @Test
    void claimNextRetriedWithItsKeyGetsTheSameTask() {
        TestData.truncate(dataSource);
        long urgent = task(0.95, -0.9);
        long calm = task(0.1, 0.1);
        String key = UUID.randomUUID().toString();
        long got = agent("ann@acme.example").header("Idempotency-Key", key).post("/api/v1/tasks/claim-next")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals(urgent, got, "earliest SLA breach first");
        Response replay = agent("ann@acme.example").header("Idempotency-Key", key).post("/api/v1/tasks/claim-next");
        replay.then().statusCode(200).body("assignee", equalTo("ann@acme.example")).header("ETag", notNullValue());
        assertEquals(urgent, replay.jsonPath().getLong("id"));
        assertEquals(calm, agent("ann@acme.example").post("/api/v1/tasks/claim-next").then().statusCode(200)
                .body("assignee", equalTo("ann@acme.example")).extract().jsonPath().getLong("id"));
        agent("ann@acme.example").post("/api/v1/tasks/claim-next").then().statusCode(204);
        agent("ann@acme.example").queryParam("team", "nope").post("/api/v1/tasks/claim-next").then().statusCode(400);
    }

    @Test
    void claimNextAnswersTheTaskAsInTheQueueWithItsETagAndAudits() {
        TestData.truncate(dataSource);
        long id = task(0.95, -0.9);
        Response claimed = agent("ann@acme.example").post("/api/v1/tasks/claim-next");
        claimed.then().statusCode(200).body("id", equalTo((int) id)).body("status", equalTo("claimed"))
                .body("assignee", equalTo("ann@acme.example")).body("secondsToBreach", notNullValue())
                .body("mentions", nullValue());
        JsonPath detail = TestData.detail(id);
        assertEquals(detail.getLong("version"), claimed.jsonPath().getLong("version"));
        assertEquals("\"" + detail.getLong("version") + "\"", claimed.header("ETag"));
        assertEquals(detail.getString("slaDueAt"), claimed.jsonPath().getString("slaDueAt"));
        assertTrue(detail.getString("claimedAt") != null);
        Response history = agent("ann@acme.example").get("/api/v1/tasks/{id}/history", id);
        history.then().statusCode(200);
        List<Map<String, Object>> events = history.jsonPath().getList("items");
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("claimed", last.get("action"));
        assertEquals("ann@acme.example", last.get("actor"));
        assertEquals("open", last.get("fromStatus"));
        assertEquals("claimed", last.get("toStatus"));
        assertEquals("claim-next", last.get("detail"));
    }

    @Test
    void agentsWorkTheirOwnTasksLeadsAssignAnyone() {
        long id = task(0.4, -0.3);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"assignee\":\"bob@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"assignee\":\"ann@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(200).body("assignee", equalTo("ann@acme.example"));
        agent("bob@acme.example").post("/api/v1/tasks/{id}/unassign", id).then().statusCode(403);
        as("lea@acme.example", "lead").contentType(ContentType.JSON).body("{\"assignee\":\"bob@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(200).body("assignee", equalTo("bob@acme.example"))
                .body("status", equalTo("claimed"));
        agent("bob@acme.example").post("/api/v1/tasks/{id}/unassign", id).then().statusCode(200)
                .body("status", equalTo("open")).body("assignee", nullValue());
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"team\":\"legal\"}")
                .post("/api/v1/tasks/{id}/team", id).then().statusCode(403);
        as("lea@acme.example", "lead").contentType(ContentType.JSON).body("{\"team\":\"legal\"}")
                .post("/api/v1/tasks/{id}/team", id).then().statusCode(200).body("team", equalTo("legal"))
                .body("routingReason", equalTo("moved by lea@acme.example"));
        as("lea@acme.example", "lead").contentType(ContentType.JSON).body("{\"team\":\"marketing\"}")
                .post("/api/v1/tasks/{id}/team", id).then().statusCode(400);
    }

    @Test
    void aSnoozedTaskWakesWhenItsTimeComes() {
        long id = task(0.4, -0.3);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"until\":\"" + Instant.now().plusSeconds(2) + "\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(200).body("status", equalTo("snoozed"))
                .body("snoozedUntil", notNullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> "claimed".equals(TestData.detail(id).getString("status")));
        JsonPath history = agent("ann@acme.example").get("/api/v1/tasks/{id}/history", id).then().extract().jsonPath();
        assertEquals("woken", history.getString("items[-1].action"));
        assertEquals("system", history.getString("items[-1].actor"));
        for (String until : List.of("\"" + Instant.now().minusSeconds(5) + "\"", "\"" + Instant.now().plus(Duration.ofDays(31)) + "\"",
                "\"tomorrow\"", "null")) {
            agent("ann@acme.example").contentType(ContentType.JSON).body("{\"until\":" + until + "}")
                    .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void viewersAreShownUntilTheyLeave() {
        long id = task(0.4, -0.3);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/viewing", id).then().statusCode(200)
                .body("assignee", equalTo("ann@acme.example")).body("viewers.viewer", hasItem("ann@acme.example"));
        agent("bob@acme.example").post("/api/v1/tasks/{id}/viewing", id).then().statusCode(200)
                .body("viewers.size()", equalTo(2));
        assertEquals(List.of("ann@acme.example", "bob@acme.example"), TestData.detail(id).getList("viewers.viewer"));
        agent("bob@acme.example").delete("/api/v1/tasks/{id}/viewing", id).then().statusCode(200)
                .body("viewers.viewer", equalTo(List.of("ann@acme.example")));
        agent("bob@acme.example").post("/api/v1/tasks/{id}/viewing", 987654321).then().statusCode(404);
    }

    @Test
    void malformedIdsAndBodiesAre400Or404NeverA500() {
        long id = task(0.4, -0.3);
        for (String path : List.of("claim", "unassign", "reopen", "viewing")) {
            agent("ann@acme.example").post("/api/v1/tasks/abc/" + path).then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("detail", containsString("task id"));
            agent("ann@acme.example").post("/api/v1/tasks/987654321/" + path).then().statusCode(404)
                    .contentType(Problem.MEDIA_TYPE);
        }
        agent("ann@acme.example").get("/api/v1/tasks/99999999999999999999999").then().statusCode(400);
        agent("ann@acme.example").get("/api/v1/tasks/abc/history").then().statusCode(400);
        agent("ann@acme.example").get("/api/v1/tasks/987654321/history").then().statusCode(404);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"replyUrl\": ")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400));
        agent("ann@acme.example").contentType(ContentType.JSON).body("[1,2]")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"reply\":{\"channel\":\"fax\"}}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("channel"));
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"ftp://example.org/x\",\"replyText\":\"hi\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(400).body("detail", containsString("link"));
        agent("ann@acme.example").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/x\",\"replyText\":\"  \"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(400).body("detail", containsString("replyText"));
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"reason\":\"boring\"}")
                .post("/api/v1/tasks/{id}/dismiss", id).then().statusCode(400).body("detail", containsString("reason"));
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"reason\":\"duplicate\",\"duplicateOfTaskId\":987654321}")
                .post("/api/v1/tasks/{id}/dismiss", id).then().statusCode(400).body("detail", containsString("987654321"));
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"reason\":\"duplicate\",\"duplicateOfTaskId\":\"x\"}")
                .post("/api/v1/tasks/{id}/dismiss", id).then().statusCode(400);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"text\":\"\"}")
                .post("/api/v1/tasks/{id}/notes", id).then().statusCode(400);
        agent("ann@acme.example").contentType(ContentType.TEXT).body("hello")
                .post("/api/v1/tasks/{id}/notes", id).then().statusCode(415).contentType(Problem.MEDIA_TYPE);
        agent("ann@acme.example").contentType(ContentType.JSON).body("{\"assignee\":\"\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(400);
        agent("ann@acme.example").get("/api/v1/nothing-here").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        agent("ann@acme.example").delete("/api/v1/tasks/{id}", id).then().statusCode(405).contentType(Problem.MEDIA_TYPE);
        // nothing above changed the task
        assertEquals("open", TestData.detail(id).getString("status"));
        assertEquals(0, TestData.detail(id).getList("notes").size());
    }

    @Test
    void theQueueFiltersByEveryField() {
        String conversationId = conversation();
        com.fasterxml.jackson.databind.node.ObjectNode node = TestData.scoredNode(mentionId(), conversationId, 0.9,
                -0.8, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("mention")).put("title", "Zyxquux billing outage");
        Ingest.record(service, mapper, node);
        long id = idOf(conversationId);
        agent("ann@acme.example").post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        Map<String, String> matching = Map.of("status", "claimed", "team", "support", "tier", "P1", "source", "test",
                "intent", "outage", "sentiment", "negative", "assignee", "ann@acme.example", "text", "ZYXQUUX");
        for (Map.Entry<String, String> f : matching.entrySet()) {
            List<Object> ids = agent("ann@acme.example").queryParam(f.getKey(), f.getValue()).queryParam("limit", 200)
                    .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath().getList("items.id");
            assertTrue(ids.contains((int) id), f.getKey() + " filter finds the task");
        }
        agent("ann@acme.example").queryParam("assignee", "me").queryParam("text", "zyxquux").get("/api/v1/tasks")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) id)));
        agent("bob@acme.example").queryParam("assignee", "me").queryParam("text", "zyxquux").get("/api/v1/tasks")
                .then().statusCode(200).body("items.size()", equalTo(0));
        agent("ann@acme.example").queryParam("tier", "P4").queryParam("text", "zyxquux").get("/api/v1/tasks")
                .then().statusCode(200).body("items.size()", equalTo(0));
        agent("ann@acme.example").queryParam("text", "100%_\\").get("/api/v1/tasks").then().statusCode(200)
                .body("items.size()", equalTo(0));
        for (String[] bad : new String[][] {{"tier", "P9"}, {"team", "marketing"}, {"sentiment", "angry"},
                {"needsReply", "maybe"}, {"status", "open,closed"}}) {
            agent("ann@acme.example").queryParam(bad[0], bad[1]).get("/api/v1/tasks").then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("detail", containsString(bad[0]));
        }
    }
}
