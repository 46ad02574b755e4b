package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scoredNode;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Conversations, routing, reopening and the fields added to scored-mention v1, on the real database. */
@QuarkusTest
class IngestionTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private static ObjectNode mention(ObjectNode scored) {
        return (ObjectNode) scored.get("mention");
    }

    private long record(ObjectNode node) {
        Ingest.record(service, mapper, node);
        return TestData.taskId(dataSource, node.get("mention").get("conversationId").asText());
    }

    private static JsonPath detail(long id) {
        return TestData.detail(id);
    }

    @Test
    void theFullSampleThroughRabbitMqKeepsLinksAuthorDriversAndRoutesToLegal() throws IOException {
        String body;
        try (InputStream in = getClass().getResourceAsStream("/contracts/scored-mention-v1-full.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String conversationId = conversation();
        String id = mentionId();
        body = body.replace("hackernews:news.ycombinator.com:41000001", conversationId)
                .replace("hackernews:news.ycombinator.com:41000124", id);
        try (TestBroker broker = new TestBroker(TestData.VHOST)) {
            broker.publish(ScoredMentionConsumer.EXCHANGE, "hackernews", body);
        }
        long taskId = await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                return TestData.taskId(dataSource, conversationId);
            } catch (IllegalStateException e) {
                return null;
            }
        }, t -> t != null);
        JsonPath task = detail(taskId);
        assertEquals("legal", task.getString("team"));
        assertEquals("rule legal", task.getString("routingReason"));
        assertEquals(List.of("legal-threat", "complaint"), task.getList("intents"));
        assertEquals("bob", task.getString("authorHandle"));
        assertEquals(List.of("https://status.acme.example/incidents/42"), task.getList("links"));
        assertEquals("https://news.ycombinator.com/user?id=bob", task.getString("mentions[0].authorProfileUrl"));
        assertEquals(List.of("lawyer:-0.52", "hear:-0.08"), task.getList("mentions[0].sentimentDrivers"));
        assertEquals("2026-11-25T10:22:00Z", task.getString("mentions[0].editedAt"));
        assertEquals(true, task.getBoolean("mentions[0].needsReply"));
        assertEquals(List.of("acme"), task.getList("mentions[0].matchedRules"));
        assertTrue(task.getBoolean("needsReply"));
    }

    @Test
    void postsThatNeedNoReplyJoinButStayOutOfTheDefaultQueueUntilOneDoes() {
        String conversationId = conversation();
        ObjectNode praise = scoredNode(mentionId(), conversationId, 0.1, 0.8, null);
        ((ObjectNode) praise.get("urgency")).put("needsReply", false);
        praise.putArray("intents").add("praise");
        long id = record(praise);
        JsonPath task = detail(id);
        assertFalse(task.getBoolean("needsReply"));
        assertEquals("communications", task.getString("team"));
        List<Object> queue = given().auth().oauth2(TestData.agentToken()).queryParam("limit", 200)
                .queryParam("team", "communications").get("/api/v1/tasks").then().statusCode(200).extract()
                .jsonPath().getList("items.id");
        assertFalse(queue.contains((int) id), "not in the default queue");
        List<Object> noReply = given().auth().oauth2(TestData.agentToken()).queryParam("needsReply", "false")
                .queryParam("limit", 200).queryParam("team", "communications").get("/api/v1/tasks").then()
                .statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(noReply.contains((int) id), "listed with needsReply=false");

        ObjectNode question = scoredNode(mentionId(), conversationId, 0.3, -0.1, null); // needsReply absent
        record(question);
        task = detail(id);
        assertTrue(task.getBoolean("needsReply"), "a post without needsReply (older producer) needs a reply");
        assertEquals(2, task.getInt("mentionCount"));
    }

    @Test
    void aNearDuplicateIsLinkedToTheFirstCopysTask() {
        String firstId = mentionId();
        long first = record(scoredNode(firstId, conversation(), 0.5, -0.5, null));
        ObjectNode copy = scoredNode(mentionId(), conversation(), 0.5, -0.5, null);
        mention(copy).put("nearDuplicateOf", firstId);
        long second = record(copy);
        assertTrue(first != second);
        assertEquals(first, detail(second).getLong("duplicateOfTaskId"));
        assertEquals(firstId, detail(second).getString("mentions[0].nearDuplicateOf"));
        assertNull(detail(first).get("duplicateOfTaskId"));
    }

    @Test
    void aNewsArticleGoesToCommunicationsEvenWhenItReportsAnOutage() {
        ObjectNode news = scoredNode(mentionId(), conversation(), 0.8, -0.7, null);
        mention(news).put("source", "rss");
        ((ObjectNode) news.get("urgency")).put("needsReply", false);
        long id = record(news);
        assertEquals("communications", detail(id).getString("team"));
        assertEquals("rule news", detail(id).getString("routingReason"));
        assertFalse(detail(id).getBoolean("needsReply"));
    }

    @Test
    void routesByKeywordAndKeepsAHumansChoice() {
        String conversationId = conversation();
        ObjectNode request = scoredNode(mentionId(), conversationId, 0.2, 0.1, null);
        mention(request).put("text", "Feature request: dark mode for the Acme console");
        request.putArray("intents").add("question");
        long id = record(request);
        assertEquals("product", detail(id).getString("team"));
        assertEquals("rule feature-request", detail(id).getString("routingReason"));

        // a later outage post moves it (rule order), until a lead moves it by hand
        ObjectNode outage = scoredNode(mentionId(), conversationId, 0.8, -0.7, null);
        record(outage);
        assertEquals("support", detail(id).getString("team"));
        given().auth().oauth2(DevJwt.token("lead")).contentType(ContentType.JSON).body("{\"team\":\"sales\"}")
                .post("/api/v1/tasks/{id}/team", id).then().statusCode(200);
        ObjectNode legal = scoredNode(mentionId(), conversationId, 0.8, -0.7, null);
        legal.putArray("intents").add("legal-threat");
        record(legal);
        assertEquals("sales", detail(id).getString("team"));
        JsonPath history = given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id)
                .then().statusCode(200).extract().jsonPath();
        assertTrue(history.getList("items.action").contains("routed"));
    }

    @Test
    void aMentionRedeliveredUnderAnotherConversationLeavesNoEmptyTask() {
        String id = mentionId();
        String conversationId = conversation();
        long taskId = record(scoredNode(id, conversationId, 0.5, -0.5, null));
        String other = conversation();
        assertEquals(TaskIngestion.Outcome.DUPLICATE, Ingest.record(service, mapper, scoredNode(id, other, 0.5, -0.5, null)));
        assertThrows(IllegalStateException.class, () -> TestData.taskId(dataSource, other),
                "no phantom task for the other conversation id");
        assertEquals(1, detail(taskId).getInt("mentionCount"));
        // the conversation id is free for its own posts later
        long otherTask = record(scoredNode(mentionId(), other, 0.5, -0.5, null));
        assertEquals(1, detail(otherTask).getInt("mentionCount"));
    }

    @Test
    void aNegativePostReopensAResolvedTaskAPositiveOneDoesNot() {
        String conversationId = conversation();
        long id = record(scoredNode(mentionId(), conversationId, 0.5, -0.5, null));
        given().auth().oauth2(TestData.agentToken()).contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"on it\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        record(scoredNode(mentionId(), conversationId, 0.1, 0.7, null));
        assertEquals("resolved", detail(id).getString("status"));
        Instant before = Instant.now();
        record(scoredNode(mentionId(), conversationId, 0.6, -0.8, null));
        JsonPath task = detail(id);
        assertEquals("open", task.getString("status"));
        assertNull(task.get("assignee"));
        assertNotNull(task.get("firstResponseAt"), "the first response stays recorded");
        assertNotNull(task.get("secondsToBreach"), "a reopened task waits for a new answer");
        assertTrue(Instant.parse(task.getString("slaDueAt")).isAfter(before), "its SLA clock restarted");
        List<String> actions = given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id)
                .then().extract().jsonPath().getList("items.action");
        assertEquals(List.of("created", "resolved", "post-added", "post-added", "reopened-by-post"), actions);
    }

    private static void reply(String agent, long id, String body) {
        given().auth().oauth2(DevJwt.token(agent, "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON).body(body).post("/api/v1/tasks/{id}/replies", id).then().statusCode(200);
    }

    private long followUp(String conversationId, double sentiment) {
        ObjectNode node = scoredNode(mentionId(), conversationId, 0.5, sentiment, null);
        ((ObjectNode) node.get("mention")).put("createdAt", Instant.now().plusSeconds(1).toString());
        return record(node);
    }

    @Test
    void aCustomersFollowUpGoesBackToTheAgentWhoRepliedLast() {
        String conversationId = conversation();
        long id = record(scoredNode(mentionId(), conversationId, 0.5, -0.5, null));
        // a post written before our reply (arriving late) is not a follow-up
        reply("ann@acme.example", id, "{\"channel\":\"dm\",\"text\":\"Check your DMs\"}");
        record(scoredNode(mentionId(), conversationId, 0.5, -0.5, null));
        assertNull(detail(id).get("assignee"), "replying keeps the task unassigned and open");
        assertEquals("open", detail(id).getString("status"));

        followUp(conversationId, -0.3);
        JsonPath task = detail(id);
        assertEquals("claimed", task.getString("status"));
        assertEquals("ann@acme.example", task.getString("assignee"));

        // bob answers last and resolves; the customer's negative follow-up reopens it for bob, history kept
        given().auth().oauth2(DevJwt.token("lena@acme.example", "lead", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON).body("{\"assignee\":\"bob@acme.example\"}")
                .post("/api/v1/tasks/{id}/assign", id).then().statusCode(200);
        given().auth().oauth2(DevJwt.token("bob@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON)
                .body("{\"reply\":{\"channel\":\"public\",\"link\":\"https://example.org/r/9\"}}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        followUp(conversationId, -0.8);
        task = detail(id);
        assertEquals("claimed", task.getString("status"));
        assertEquals("bob@acme.example", task.getString("assignee"));
        assertEquals(List.of("ann@acme.example", "bob@acme.example"), task.getList("replies.author"));
        assertEquals("ann@acme.example", task.getString("firstResponseBy"), "the first-response KPI is kept");
        List<String> actions = given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id)
                .then().extract().jsonPath().getList("items.action");
        assertEquals(List.of("created", "replied", "post-added", "post-added", "assigned-by-post", "assigned",
                "resolved", "post-added", "reopened-by-post", "assigned-by-post"), actions);
    }

    @Test
    void aNewPostWakesASnoozedTask() {
        String conversationId = conversation();
        long id = record(scoredNode(mentionId(), conversationId, 0.5, -0.5, null));
        given().auth().oauth2(TestData.agentToken()).contentType(ContentType.JSON)
                .body("{\"until\":\"" + Instant.now().plus(Duration.ofDays(2)) + "\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(200);
        record(scoredNode(mentionId(), conversationId, 0.2, 0.0, null));
        assertEquals("open", detail(id).getString("status"));
        assertNull(detail(id).get("snoozedUntil"));
    }

    @Test
    void aFastGrowingConversationRisesAndSaysWhy() {
        String conversationId = conversation();
        long id = 0;
        for (int i = 0; i < 4; i++) {
            ObjectNode post = scoredNode(mentionId(), conversationId, 0.3, -0.3, null);
            mention(post).put("createdAt", Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * i).toString());
            id = record(post);
        }
        JsonPath task = detail(id);
        // 0.3 * 55 + 0.3 * 20 + velocity (4 posts in an hour of saturation 5: 3/4) * 10 = 30.0
        assertEquals(30.0f, task.getFloat("priorityScore"));
        assertTrue(task.getList("priorityReasons").contains("fast-growing: 4 posts within an hour"),
                task.getList("priorityReasons").toString());
        assertEquals("P3", task.getString("tier"));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z").plus(Duration.ofHours(24)),
                Instant.parse(task.getString("slaDueAt")), "SLA of P3 from the first post");
    }
}
