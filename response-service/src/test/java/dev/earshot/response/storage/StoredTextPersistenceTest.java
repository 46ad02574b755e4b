package dev.earshot.response.storage;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scoredNode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Text with NUL and other control characters, through every kind of write path, on the real PostgreSQL
 * (which refuses U+0000 in text): entity attributes, string arrays, native and HQL query parameters,
 * and statements on the reactive SQL client.
 */
@QuarkusTest
class StoredTextPersistenceTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    /** Column values of the first row of a query with one string parameter. */
    private List<Object> row(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return List.of();
                }
                Object[] values = new Object[r.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    Object value = r.getObject(i + 1);
                    values[i] = value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value;
                }
                return Arrays.asList(values);
            }
        }
    }

    @Test
    void aScoredMentionWithNulAndControlCharactersIsStoredCleanedAndOnce() throws SQLException {
        String conversationId = conversation();
        String id = mentionId();
        ObjectNode scored = scoredNode(id + "\u0000", conversationId, 0.6, -0.6, 10L);
        ObjectNode m = (ObjectNode) scored.get("mention");
        m.put("title", "A thread\u0000 about Acme\u0007");
        m.put("text", "Acme is down\u0000 again\r\nsince\tnoon \uD800\u009F");
        m.put("permalink", "https://example.org/x\u0000y");
        ((ObjectNode) m.get("author")).put("displayName", "Car\u0000ol \uD83D\uDE00");
        ((ObjectNode) m.get("author")).put("handle", "carol\u0000");
        m.putArray("links").add("https://example.org/a\u0000b");
        m.putArray("matchedRules").add("acme\u0000");
        ((ObjectNode) scored.get("urgency")).putArray("reasons").add("mentions an outage\u001b");
        scored.put("modelVersion", "test\u0000model");

        assertEquals(TaskIngestion.Outcome.CREATED_TASK, Ingest.record(service, mapper, scored));
        // The cleaned id is the id everywhere: the same post again is a duplicate, not a second row.
        assertEquals(TaskIngestion.Outcome.DUPLICATE, Ingest.record(service, mapper, scored));

        List<Object> mention = row("SELECT text, title, permalink, author_display_name, author_handle, links,"
                + " matched_rules, urgency_reasons, model_version FROM mention WHERE id = ?", id);
        assertEquals(List.of("Acme is down again\r\nsince\tnoon \uFFFD", "A thread about Acme",
                "https://example.org/xy", "Carol \uD83D\uDE00", "carol", List.of("https://example.org/ab"),
                List.of("acme"), List.of("mentions an outage"), "testmodel"), mention);
        assertEquals(List.of(1L), row("SELECT count(*) FROM mention WHERE task_id = (SELECT id FROM task"
                + " WHERE conversation_id = ?)", conversationId));
        List<Object> task = row("SELECT title, permalink, search_text FROM task WHERE conversation_id = ?",
                conversationId);
        assertEquals("A thread about Acme", task.get(0));
        assertEquals("https://example.org/xy", task.get(1));
        assertEquals(false, ((String) task.get(2)).contains("\u0000"));
    }

    @Test
    void requestTextWithNulIsStoredCleanedAndSearchedCleaned() {
        String conversationId = conversation();
        Ingest.record(service, mapper, scoredNode(mentionId(), conversationId, 0.6, -0.6, 10L));
        long taskId = TestData.taskId(dataSource, conversationId);
        String token = DevJwt.token("agent");

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\":\"asked\\u0000 engineering\"}")
                .post("/api/v1/tasks/{id}/notes", taskId).then().statusCode(200);
        assertEquals("asked engineering", TestData.detail(taskId).getString("notes[0].text"));
        // A statement on the reactive SQL client (the queue listing) binds the filter cleaned.
        given().auth().oauth2(token).queryParam("status", "all").queryParam("text", "down\u0000 again")
                .get("/api/v1/tasks").then().statusCode(200)
                .body("items.findAll { it.conversationId == '" + conversationId + "' }.size()", equalTo(1));
    }
}
