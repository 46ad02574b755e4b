package dev.earshot.response.task;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.testing.DevJwt;
import io.restassured.path.json.JsonPath;

/** Builds scored-mention v1 bodies for tests and reads tasks back through the REST API. */
public final class TestData {

    public static final String VHOST = System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-response");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestData() {
    }

    /** A fresh conversation id, so tests never meet each other's tasks. */
    public static String conversation() {
        return "test:example.org:" + UUID.randomUUID();
    }

    public static String mentionId() {
        return "test:example.org:" + UUID.randomUUID();
    }

    /** A scored mention with the given id, conversation, urgency and sentiment score. */
    public static String scored(String id, String conversationId, double urgency, double sentimentScore,
            Long followers) {
        return json(scoredNode(id, conversationId, urgency, sentimentScore, followers));
    }

    public static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree of {@link #scored}, for tests that add or change fields. */
    public static ObjectNode scoredNode(String id, String conversationId, double urgency, double sentimentScore,
            Long followers) {
        String label = sentimentScore <= -0.2 ? "negative" : sentimentScore >= 0.2 ? "positive" : "neutral";
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        ObjectNode m = root.putObject("mention");
        m.put("schemaVersion", 1);
        m.put("id", id);
        m.put("source", "test");
        m.put("instance", "example.org");
        m.put("nativeId", id.substring(id.lastIndexOf(':') + 1));
        m.put("permalink", "https://example.org/" + id.substring(id.lastIndexOf(':') + 1));
        m.put("conversationId", conversationId);
        m.putNull("inReplyTo");
        ObjectNode author = m.putObject("author");
        author.put("id", "u1");
        author.put("handle", "carol");
        author.put("displayName", "Carol");
        if (followers == null) {
            author.putNull("followers");
        } else {
            author.put("followers", followers);
        }
        m.put("title", "A thread about Acme");
        m.put("text", "Acme is " + (label.equals("negative") ? "down again" : "fine"));
        m.putNull("languageHint");
        // posted half a minute ago: the SLA clock counts from the post
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        m.put("createdAt", now.minusSeconds(30).toString());
        m.put("fetchedAt", now.toString());
        ObjectNode engagement = m.putObject("engagement");
        engagement.putNull("likes");
        engagement.putNull("replies");
        engagement.putNull("shares");
        m.putArray("matchedRules").add("acme");
        ObjectNode sentiment = root.putObject("sentiment");
        sentiment.put("label", label);
        sentiment.put("score", sentimentScore);
        ObjectNode urgencyNode = root.putObject("urgency");
        urgencyNode.put("score", urgency);
        urgencyNode.put("level", urgency >= 0.75 ? "critical" : urgency >= 0.5 ? "high" : urgency >= 0.25 ? "medium" : "low");
        urgencyNode.putArray("reasons").add(urgency >= 0.5 ? "mentions an outage" : "general question");
        root.put("language", "en");
        root.putArray("intents").add(urgency >= 0.5 ? "outage" : "question");
        root.put("modelVersion", "test-model-1");
        return root;
    }

    public static String agentToken() {
        return DevJwt.token("agent");
    }

    /** Every task in queue order, walking all pages. */
    public static List<Map<String, Object>> allTasks(int pageSize) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(agentToken()).queryParam("limit", pageSize);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** The task of a conversation as listed, or null. */
    public static Map<String, Object> taskOf(String conversationId) {
        return allTasks(200).stream().filter(t -> conversationId.equals(t.get("conversationId"))).findFirst()
                .orElse(null);
    }

    /** The task with its mentions. */
    public static JsonPath detail(Object id) {
        return given().auth().oauth2(agentToken()).get("/api/v1/tasks/{id}", id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** The id of a conversation's task, read from the database (whatever its status). */
    public static long taskId(DataSource dataSource, String conversationId) {
        try (Connection c = dataSource.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT id FROM task WHERE conversation_id = ?")) {
            s.setString(1, conversationId);
            try (java.sql.ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no task for " + conversationId);
                }
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL against the test database (to age tasks in time-based tests). */
    public static void sql(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the tables, for tests that need to see the whole queue. */
    public static void truncate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE mention, task, task_event, task_note, task_viewer, saved_reply, idempotency_key, "
                    + "webhook_outbox, webhook_delivery, webhook_attempt CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
