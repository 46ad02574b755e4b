package dev.earshot.response.webhook;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.response.webhook.delivery.DeliveryLog;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The outbox rows written by task changes: exactly the changes that were committed. */
@QuarkusTest
class OutboxEventsTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeliveryLog deliveries;

    @Test
    void aNewTaskIsAnnouncedOnceWithASnapshotOfIt() throws Exception {
        String conversationId = conversation();
        String id = mentionId();
        ObjectNode node = TestData.scoredNode(id, conversationId, 0.9, -0.8, 120_000L);
        ((ObjectNode) node.get("mention")).put("text", "Acme checkout has been down for an hour, I lose orders");
        Ingest.record(service, mapper, node);
        Ingest.record(service, mapper, node); // a redelivery changes nothing
        long taskId = TestData.taskId(dataSource, conversationId);

        List<JsonNode> events = events(taskId);
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals("task.created", event.get("type").asText());
        assertEquals(event.get("id").asText(), UUID.fromString(event.get("id").asText()).toString(), "a UUID");
        JsonNode task = event.get("task");
        assertEquals(taskId, task.get("id").asLong());
        assertEquals("P1", task.get("tier").asText());
        assertEquals("test", task.get("source").asText());
        assertEquals("carol", task.get("authorHandle").asText());
        assertEquals(120_000, task.get("authorFollowers").asLong());
        assertEquals("Acme checkout has been down for an hour, I lose orders", task.get("excerpt").asText());
        assertEquals("negative", task.get("sentimentLabel").asText());
        assertEquals(-0.8, task.get("sentimentScore").asDouble(), 1e-9);
        assertTrue(task.get("intents").toString().contains("outage"));
        assertTrue(task.get("priorityReasons").size() > 0);
        assertTrue(task.get("secondsToBreach").asLong() > 0);
        assertEquals(node.get("mention").get("permalink").asText(), task.get("permalink").asText());
        assertEquals("https://earshot.test/tasks/" + taskId, task.get("taskUrl").asText());
        assertNull(event.get("spike"));
    }

    @Test
    void aRaisedTierIsAnEscalationAndAQuietPostIsNothing() throws Exception {
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.1, 0.1, null));
        long taskId = TestData.taskId(dataSource, conversationId);
        String tierBefore = events(taskId).get(0).get("task").get("tier").asText();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.1, 0.1, null));
        assertEquals(1, events(taskId).size(), "a post that does not raise the tier is not announced");

        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.95, -0.9, 500_000L));
        List<JsonNode> events = events(taskId);
        assertEquals(2, events.size(), events.toString());
        JsonNode escalated = events.get(1);
        assertEquals("task.escalated", escalated.get("type").asText());
        assertEquals(tierBefore, escalated.get("task").get("previousTier").asText());
        assertTrue(escalated.get("task").get("tier").asText().compareTo(tierBefore) < 0);
    }

    @Test
    void aResolveIsAnnouncedAndARefusedOneIsNot() throws Exception {
        String conversationId = conversation();
        long taskId = negativeTask(conversationId);
        String token = DevJwt.token("dana@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1));
        Map<String, String> reply = Map.of("replyUrl", "https://example.org/reply/1", "replyText", "Fixed now, sorry!");

        // Refused (stale If-Match): the transaction rolls back with its outbox row.
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"999\"").body(reply)
                .post("/api/v1/tasks/{id}/resolve", taskId).then().statusCode(412);
        assertEquals(1, events(taskId).size());

        given().auth().oauth2(token).contentType(ContentType.JSON).body(reply)
                .post("/api/v1/tasks/{id}/resolve", taskId).then().statusCode(200);
        List<JsonNode> events = events(taskId);
        // a resolve with a reply records it through the same path as POST /replies: task.replied, then task.resolved
        assertEquals(3, events.size(), events.toString());
        assertEquals("task.replied", events.get(1).get("type").asText());
        JsonNode resolved = events.get(2);
        assertEquals("task.resolved", resolved.get("type").asText());
        assertEquals("resolved", resolved.get("task").get("status").asText());
        assertEquals("https://example.org/reply/1", resolved.get("task").get("replyUrl").asText());
        assertEquals("dana@acme.example", resolved.get("task").get("resolvedBy").asText());
        assertNull(resolved.get("task").get("secondsToBreach"), "an answered task has no time to breach");
    }

    @Test
    void aRecordedReplyIsAnnouncedInItsTransactionAndARefusedOneIsNot() throws Exception {
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.8, -0.6, null));
        long taskId = TestData.taskId(dataSource, conversationId);
        String token = DevJwt.token("erin@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1));

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"999\"")
                .body(Map.of("channel", "dm", "text", "Sent you the details by DM"))
                .post("/api/v1/tasks/{id}/replies", taskId).then().statusCode(412);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("channel", "public"))
                .post("/api/v1/tasks/{id}/replies", taskId).then().statusCode(400);
        assertEquals(1, events(taskId).size(), "a refused reply writes no event");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("channel", "public", "link", "https://example.org/reply/5", "text", "On it"))
                .post("/api/v1/tasks/{id}/replies", taskId).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("channel", "email"))
                .post("/api/v1/tasks/{id}/replies", taskId).then().statusCode(200);
        List<JsonNode> events = events(taskId);
        assertEquals(3, events.size(), events.toString());
        JsonNode replied = events.get(1);
        assertEquals("task.replied", replied.get("type").asText());
        assertEquals("open", replied.get("task").get("status").asText(), "a reply keeps the task open");
        assertEquals("erin@acme.example", replied.get("task").get("repliedBy").asText());
        assertEquals("https://example.org/reply/5", replied.get("task").get("replyUrl").asText());
        assertNull(replied.get("task").get("resolvedBy"));
        assertEquals("task.replied", events.get(2).get("type").asText());
        assertNull(events.get(2).get("task").get("replyUrl"), "an email reply has no link");
    }

    @Test
    void aReopenIsAnnouncedByTheApiAndByANegativePost() throws Exception {
        String conversationId = conversation();
        long taskId = negativeTask(conversationId);
        String token = DevJwt.token("erin@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1));
        Map<String, String> reply = Map.of("replyUrl", "https://example.org/reply/2", "replyText", "On it");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(reply).post("/api/v1/tasks/{id}/resolve", taskId)
                .then().statusCode(200);
        given().auth().oauth2(token).post("/api/v1/tasks/{id}/reopen", taskId).then().statusCode(200);
        List<JsonNode> events = events(taskId);
        // a resolve carrying a reply announces the reply first
        assertEquals(List.of("task.created", "task.replied", "task.resolved", "task.reopened"),
                events.stream().map(e -> e.get("type").asText()).toList());
        assertEquals("open", events.get(3).get("task").get("status").asText());
        assertEquals(taskId, events.get(3).get("task").get("id").asLong());

        given().auth().oauth2(token).contentType(ContentType.JSON).body(reply)
                .post("/api/v1/tasks/{id}/resolve", taskId).then().statusCode(200);
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.8, -0.7, null));
        List<JsonNode> after = events(taskId);
        assertEquals("task.reopened", after.get(after.size() - 1).get("type").asText(), after.toString());
    }

    @Test
    void eventsOlderThanTheRetentionGoWithTheirLogUnlessADeliveryIsPending() throws Exception {
        String conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.4, 0.0, null));
        long taskId = TestData.taskId(dataSource, conversationId);
        long subscription;
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            var keys = s.executeQuery("INSERT INTO webhook_subscription (name, url, format, events, enabled, created_by,"
                    + " created_at, updated_at) VALUES ('retention', 'https://example.com/h', 'json', '{task.created}',"
                    + " false, 'test', now(), now()) RETURNING id");
            keys.next();
            subscription = keys.getLong(1);
            // One old event delivered, one old event still pending, one recent event delivered.
            s.execute("INSERT INTO webhook_outbox (event_id, event_type, task_id, payload, created_at, dispatched_at)"
                    + " VALUES (gen_random_uuid(), 'old-delivered', " + taskId + ", '{}', now() - interval '40 days',"
                    + " now() - interval '40 days'), (gen_random_uuid(), 'old-pending', " + taskId + ", '{}',"
                    + " now() - interval '40 days', now() - interval '40 days'), (gen_random_uuid(), 'recent', " + taskId
                    + ", '{}', now() - interval '1 day', now() - interval '1 day')");
            s.execute("INSERT INTO webhook_delivery (outbox_id, subscription_id, status, created_at) SELECT id, "
                    + subscription + ", CASE event_type WHEN 'old-pending' THEN 'pending' ELSE 'delivered' END, now()"
                    + " FROM webhook_outbox WHERE task_id = " + taskId + " AND event_type <> 'task.created'");
        }
        int purged = deliveries.purgeDispatchedBefore(java.time.Instant.now().minus(Duration.ofDays(30)))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(purged >= 1);
        List<String> left = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT event_type FROM webhook_outbox WHERE task_id = " + taskId
                        + " ORDER BY id")) {
            while (r.next()) {
                left.add(r.getString(1));
            }
            s.execute("DELETE FROM webhook_subscription WHERE id = " + subscription);
        }
        assertEquals(List.of("task.created", "old-pending", "recent"), left);
    }

    private long negativeTask(String conversationId) throws Exception {
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.8, -0.6, null));
        return TestData.taskId(dataSource, conversationId);
    }

    private List<JsonNode> events(long taskId) throws SQLException, java.io.IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT event_type, payload FROM webhook_outbox WHERE task_id = ? ORDER BY id")) {
            s.setLong(1, taskId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JsonNode payload = mapper.readTree(r.getString(2));
                    assertEquals(r.getString(1), payload.get("type").asText());
                    out.add(payload);
                }
            }
        }
        return out;
    }
}
