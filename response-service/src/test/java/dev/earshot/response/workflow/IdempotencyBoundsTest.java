package dev.earshot.response.workflow;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Stored Idempotency-Key answers are bounded in size, in number per caller, and in time. */
@QuarkusTest
class IdempotencyBoundsTest {

    /** earshot.workflow.idempotency-max-answer-bytes and -max-keys-per-caller (defaults). */
    private static final int MAX_ANSWER_BYTES = 65_536;
    private static final int MAX_KEYS = 5000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Test
    void anAnswerTooLargeToStoreKeepsItsStatusAndARetryGetsTheTaskAsItIsNowWithoutActingTwice() {
        String conversationId = conversation();
        String first = mentionId();
        Ingest.record(service, mapper, TestData.scoredNode(first, conversationId, 0.6, -0.5, null));
        long id = TestData.taskId(dataSource, conversationId);
        // 20 posts of 5,000 characters: the task's detail is about 100 KB
        TestData.sql(dataSource, """
                UPDATE mention SET text = repeat('long post ', 500) WHERE id = '%1$s';
                INSERT INTO mention
                SELECT (jsonb_populate_record(m, jsonb_build_object('id', m.id || ':' || g,
                        'created_at', m.created_at + g * interval '1 second'))).*
                FROM mention m, generate_series(1, 19) g WHERE m.id = '%1$s'
                """.formatted(first));
        String key = UUID.randomUUID().toString();
        Response answer = WorkflowResourceTest.agent("ann@acme.example").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"text\":\"only once\"}").post("/api/v1/tasks/{id}/notes", id);
        answer.then().statusCode(200);
        assertTrue(answer.asByteArray().length > MAX_ANSWER_BYTES, "the answer is " + answer.asByteArray().length);

        String[] stored = stored("ann@acme.example", key);
        assertEquals("200", stored[0]);
        assertNull(stored[1], "the body is not stored");
        assertEquals(String.valueOf(id), stored[2]);

        Response retry = WorkflowResourceTest.agent("ann@acme.example").header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"text\":\"only once\"}").post("/api/v1/tasks/{id}/notes", id);
        retry.then().statusCode(200);
        assertEquals(answer.header("ETag"), retry.header("ETag"));
        assertEquals(answer.jsonPath().getList("notes"), retry.jsonPath().getList("notes"));
        assertEquals(20, retry.jsonPath().getList("mentions").size());
        assertEquals(1, TestData.detail(id).getList("notes").size(), "acted once");
        WorkflowResourceTest.agent("ann@acme.example").header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"text\":\"another\"}").post("/api/v1/tasks/{id}/notes", id).then().statusCode(422);

        // a small answer is still stored whole
        String smallConversation = conversation();
        Ingest.record(service, mapper, TestData.scoredNode(mentionId(), smallConversation, 0.6, -0.5, null));
        String small = UUID.randomUUID().toString();
        WorkflowResourceTest.agent("ann@acme.example").header("Idempotency-Key", small).contentType(ContentType.JSON)
                .body("{\"text\":\"short\"}")
                .post("/api/v1/tasks/{id}/notes", TestData.taskId(dataSource, smallConversation)).then().statusCode(200);
        String[] smallStored = stored("ann@acme.example", small);
        assertNotNull(smallStored[1]);
        assertNull(smallStored[2]);
    }

    @Test
    void eachCallerKeepsAtMostItsNewestKeysAndExpiredKeysGo() {
        String busy = "busy-" + UUID.randomUUID() + "@acme.example";
        String calm = "calm-" + UUID.randomUUID() + "@acme.example";
        TestData.sql(dataSource, """
                INSERT INTO idempotency_key (caller, key, fingerprint, status, body, created_at)
                SELECT '%1$s', 'k' || g, 'f', 200, '{}', now() - (%2$d - g) * interval '1 second'
                FROM generate_series(1, %2$d) g;
                INSERT INTO idempotency_key (caller, key, fingerprint, status, body, created_at)
                VALUES ('%3$s', 'fresh', 'f', 200, '{}', now()),
                       ('%3$s', 'old', 'f', 200, '{}', now() - interval '25 hours')
                """.formatted(busy, MAX_KEYS + 25, calm));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(busy) == MAX_KEYS && count(calm) == 1);
        assertNull(stored(busy, "k25"), "the oldest keys went");
        assertNotNull(stored(busy, "k26"));
        assertNotNull(stored(busy, "k" + (MAX_KEYS + 25)));
        assertNotNull(stored(calm, "fresh"));
        assertNull(stored(calm, "old"), "expired after idempotency-ttl (24 h)");
    }

    private long count(String caller) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM idempotency_key WHERE caller = ?")) {
            s.setString(1, caller);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** status, body and location of a stored key, or null. */
    private String[] stored(String caller, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT status, body, location FROM idempotency_key WHERE caller = ? AND key = ?")) {
            s.setString(1, caller);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new String[] { r.getString(1), r.getString(2), r.getString(3) } : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
