package dev.earshot.response.alert;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scoredNode;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * SLA timers against the real database. Each test runs on its own clock far in the past (its tasks'
 * due times are moved there), so tasks of other tests, which are due around today, are never due on it.
 */
@QuarkusTest
class SlaAlertsTest {

    static final String WARNING = "task.sla_warning";
    static final String BREACHED = "task.sla_breached";

    @Inject
    SlaAlerts alerts;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    Instant base;

    /** The tasks of the running test. */
    final List<Long> created = new ArrayList<>();

    @BeforeEach
    void ownClock() {
        // A random hour between 2001 and 2021: the clock of this test alone.
        base = Instant.parse("2001-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextLong(20 * 365 * 24), ChronoUnit.HOURS)
                .plus(ThreadLocalRandom.current().nextLong(3_600_000_000L), ChronoUnit.MICROS);
    }

    /**
     * Deletes this test's tasks with their outbox rows: outbox rows that point at tasks keep other tests
     * from truncating the task table, and a later test's clock could still alert these tasks.
     */
    @AfterEach
    void deleteOwnTasks() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM task WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", created.toArray()));
            s.executeUpdate();
        }
        created.clear();
    }

    /** A P1 task (SLA one hour, warned 15 minutes before) that needs a reply, due at {@code due}. */
    long p1Task(Instant due, String... texts) {
        String conversationId = conversation();
        Instant postedAt = Instant.parse("2026-11-25T10:15:30Z");
        for (String text : texts.length == 0 ? new String[] {"Acme checkout is down again"} : texts) {
            ObjectNode node = scoredNode(mentionId(), conversationId, 0.9, -0.7, 1200L);
            ((ObjectNode) node.get("mention")).put("text", text);
            ((ObjectNode) node.get("mention")).put("createdAt", postedAt.toString());
            postedAt = postedAt.plusSeconds(60);
            Ingest.record(service, mapper, node);
        }
        long id = TestData.taskId(dataSource, conversationId);
        created.add(id);
        update("UPDATE task SET tier = 'P1', needs_reply = true, sla_due_at = ?, sla_warned_at = NULL,"
                + " sla_breach_alerted_at = NULL WHERE id = ?", due, id);
        return id;
    }

    SlaAlerts.Written evaluate(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> alerts.evaluate(now));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void warnsOnceWhenAQuarterOfTheSlaIsLeftThenAlertsTheBreachOnce() throws Exception {
        long id = p1Task(base.plus(Duration.ofMinutes(20)));

        evaluate(base);
        assertEquals(List.of(), alertTypes(id), "20 of 60 minutes left is more than a quarter");

        Instant warnedAt = base.plus(Duration.ofMinutes(5));
        evaluate(warnedAt);
        assertEquals(List.of(WARNING), alertTypes(id));
        evaluate(base.plus(Duration.ofMinutes(6)));
        evaluate(base.plus(Duration.ofMinutes(19)));
        assertEquals(List.of(WARNING), alertTypes(id), "the warning fires once");
        assertEquals(warnedAt, instant("SELECT sla_warned_at FROM task WHERE id = ?", id));
        assertNull(instant("SELECT sla_breach_alerted_at FROM task WHERE id = ?", id));

        JsonNode warning = payloads(id).get(0);
        assertEquals(WARNING, warning.get("type").asText());
        assertEquals(warnedAt, Instant.parse(warning.get("occurredAt").asText()));
        JsonNode task = warning.get("task");
        assertEquals(id, task.get("id").asLong());
        assertEquals("P1", task.get("tier").asText());
        assertEquals(15 * 60, task.get("secondsToBreach").asLong());
        assertEquals("Acme checkout is down again", task.get("excerpt").asText());
        assertEquals("carol", task.get("authorHandle").asText());
        assertEquals(1200, task.get("authorFollowers").asLong());
        assertTrue(task.get("needsReply").asBoolean());

        Instant breachedAt = base.plus(Duration.ofMinutes(20));
        evaluate(breachedAt);
        evaluate(base.plus(Duration.ofMinutes(21)));
        evaluate(base.plus(Duration.ofHours(5)));
        assertEquals(List.of(WARNING, BREACHED), alertTypes(id), "the breach fires once, at the due time");
        assertEquals(breachedAt, instant("SELECT sla_breach_alerted_at FROM task WHERE id = ?", id));
        assertEquals(warnedAt, instant("SELECT sla_warned_at FROM task WHERE id = ?", id));
        JsonNode breach = payloads(id).get(1);
        assertEquals(0, breach.get("task").get("secondsToBreach").asLong());
    }

    @Test
    void aTaskFoundPastDueGetsOnlyTheBreachAndNoLateWarning() throws Exception {
        long id = p1Task(base.minus(Duration.ofMinutes(3)));
        evaluate(base);
        evaluate(base.plusSeconds(30));
        assertEquals(List.of(BREACHED), alertTypes(id));
        assertEquals(base, instant("SELECT sla_warned_at FROM task WHERE id = ?", id));
        assertEquals(-180, payloads(id).get(0).get("task").get("secondsToBreach").asLong());
    }

    @Test
    void theWarningThresholdFollowsTheTierSla() throws Exception {
        // P3: 24 hours, warned with 6 hours left.
        long p3 = p1Task(base.plus(Duration.ofHours(6)).plusSeconds(1));
        update("UPDATE task SET tier = 'P3' WHERE id = ?", p3);
        evaluate(base);
        assertEquals(List.of(), alertTypes(p3));
        evaluate(base.plusSeconds(1));
        assertEquals(List.of(WARNING), alertTypes(p3));
    }

    @Test
    void tasksThatAreAnsweredClosedOrNeedNoReplyGetNoAlerts() throws Exception {
        Instant due = base.minus(Duration.ofMinutes(1));
        long answered = p1Task(due);
        update("UPDATE task SET status = 'claimed', assignee = 'ann', first_response_at = ?, responded_at = ? WHERE id = ?",
                base.minus(Duration.ofMinutes(30)), base.minus(Duration.ofMinutes(30)), answered);
        long resolved = p1Task(due);
        update("UPDATE task SET status = 'resolved', resolved_at = ? WHERE id = ?", base.minus(Duration.ofMinutes(30)),
                resolved);
        long dismissed = p1Task(due);
        update("UPDATE task SET status = 'dismissed' WHERE id = ?", dismissed);
        long noReply = p1Task(due);
        update("UPDATE task SET needs_reply = false WHERE id = ?", noReply);
        long snoozed = p1Task(due);
        // Snoozed beyond real time, or housekeeping would wake it (and hold its lock) meanwhile.
        update("UPDATE task SET status = 'snoozed', snoozed_until = ? WHERE id = ?",
                Instant.parse("2100-01-01T00:00:00Z"), snoozed);

        evaluate(base);
        for (long quiet : List.of(answered, resolved, dismissed, noReply, snoozed)) {
            assertEquals(List.of(), alertTypes(quiet), "task " + quiet + " (a snoozed task's clock is paused)");
        }
    }

    @Test
    void theExcerptIsTheLatestPost() throws Exception {
        long id = p1Task(base.plus(Duration.ofMinutes(10)), "first post about the outage",
                "second post: still broken after an hour");
        evaluate(base);
        assertEquals("second post: still broken after an hour", payloads(id).get(0).get("task").get("excerpt").asText());
        assertEquals(2, payloads(id).get(0).get("task").get("mentionCount").asInt());
    }

    @Test
    void aReopenedTaskHasANewClockAndAlertsAgain() throws Exception {
        long id = p1Task(base.minus(Duration.ofMinutes(1)));
        evaluate(base);
        assertEquals(List.of(BREACHED), alertTypes(id));

        var ann = given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)));
        ann.post("/api/v1/tasks/{id}/claim", id).then().statusCode(200);
        given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/reply/9\",\"replyText\":\"On it\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        evaluate(base.plus(Duration.ofHours(1)));
        assertEquals(List.of(BREACHED), alertTypes(id), "a resolved task gets nothing");

        given().auth().oauth2(DevJwt.token("ann@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .post("/api/v1/tasks/{id}/reopen", id).then().statusCode(200);
        assertNull(instant("SELECT sla_warned_at FROM task WHERE id = ?", id));
        assertNull(instant("SELECT sla_breach_alerted_at FROM task WHERE id = ?", id));

        // The new clock, moved onto this test's time line.
        Instant later = base.plus(Duration.ofDays(1));
        update("UPDATE task SET sla_due_at = ? WHERE id = ?", later.plus(Duration.ofMinutes(10)), id);
        evaluate(later);
        evaluate(later.plus(Duration.ofMinutes(10)));
        assertEquals(List.of(BREACHED, WARNING, BREACHED), alertTypes(id));
    }

    @Test
    void oneBatchLocksWhatItAlertsAndReportsTheCounts() throws Throwable {
        long warned = p1Task(base.plus(Duration.ofMinutes(1)));
        long breached = p1Task(base.minus(Duration.ofMinutes(1)));
        SlaAlerts.Written written = VertxContextSupport.subscribeAndAwait(() -> alerts.evaluateBatch(base));
        assertTrue(written.warnings() >= 1 && written.breaches() >= 1, written.toString());
        assertEquals(List.of(WARNING), alertTypes(warned));
        assertEquals(List.of(BREACHED), alertTypes(breached));
        assertNotNull(instant("SELECT sla_warned_at FROM task WHERE id = ?", breached));
    }

    @Test
    void aTaskLockedByAnotherTransactionIsLeftForTheNextRun() throws Exception {
        long busy = p1Task(base.minus(Duration.ofMinutes(1)));
        long free = p1Task(base.minus(Duration.ofMinutes(1)));
        double before = registry.counter(AlertMetrics.WRITTEN, "type", BREACHED).count();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM task WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, busy);
                lock.executeQuery().close();
            }
            evaluate(base);
            assertEquals(List.of(), alertTypes(busy), "skipped, not waited for");
            assertEquals(List.of(BREACHED), alertTypes(free));
            other.rollback();
        }
        evaluate(base.plusSeconds(15));
        assertEquals(List.of(BREACHED), alertTypes(busy));
        assertEquals(List.of(BREACHED), alertTypes(free));
        assertTrue(registry.counter(AlertMetrics.WRITTEN, "type", BREACHED).count() >= before + 2);
    }

    // ---------------------------------------------------------------- database helpers

    /** Runs one UPDATE of one task; Instants are bound as timestamps. */
    void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant at ? Timestamp.from(at) : params[i]);
            }
            assertEquals(1, s.executeUpdate(), sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant instant(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp t = r.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    List<String> alertTypes(long taskId) throws SQLException {
        List<String> types = new ArrayList<>();
        for (JsonNode p : payloads(taskId)) {
            types.add(p.get("type").asText());
        }
        return types;
    }

    List<JsonNode> payloads(long taskId) throws SQLException {
        List<JsonNode> payloads = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT event_type, payload FROM webhook_outbox"
                        + " WHERE task_id = ? AND event_type IN ('task.sla_warning', 'task.sla_breached') ORDER BY id")) {
            s.setLong(1, taskId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JsonNode payload = mapper.readTree(r.getString(2));
                    assertEquals(r.getString(1), payload.get("type").asText());
                    payloads.add(payload);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return payloads;
    }
}
