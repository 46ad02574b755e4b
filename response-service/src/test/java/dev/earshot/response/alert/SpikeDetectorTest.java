package dev.earshot.response.alert;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/**
 * Spike detection on the real database with the default settings (15-minute window, 12 baseline
 * windows, k = 3, at least 10 mentions; negative share +0.25 with at least 5 negative; 1 hour cooldown).
 * Each test has its own clock in the past and its own rule names, so nothing else is in its windows.
 */
@QuarkusTest
class SpikeDetectorTest {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int BASELINE_WINDOWS = 12;

    @Inject
    SpikeDetector detector;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    Instant now;
    long carrierTask;
    String conversationId;

    @BeforeEach
    void ownClockAndACarrierTask() {
        now = Instant.parse("2001-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextLong(20 * 365 * 24), ChronoUnit.HOURS)
                .plus(ThreadLocalRandom.current().nextLong(3_600_000_000L), ChronoUnit.MICROS);
        // Mentions belong to a task; the rows below are added to this one.
        conversationId = conversation();
        Ingest.record(service, mapper, scored(mentionId(), conversationId, 0.2, 0.0, null));
        carrierTask = TestData.taskId(dataSource, conversationId);
    }

    /** The carrier task goes with its mentions; the spike rows in the outbox belong to no task. */
    @AfterEach
    void deleteCarrierTask() {
        TestData.sql(dataSource, "DELETE FROM task WHERE id = " + carrierTask);
    }

    @Test
    void aBurstOverANoisyBaselineFiresOnceThenCoolsDownThenFiresAgain() throws Throwable {
        String rule = rule("burst");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(rule, posts);
        int[] baseline = {3, 5, 4, 6, 2, 4, 5, 3, 4, 6, 5, 3};
        for (int w = 1; w <= BASELINE_WINDOWS; w++) {
            spread(posts, rule, w, baseline[w - 1], 0);
        }
        // 30 posts in the last window, 4 of them negative (share 0.13: not a negative surge).
        spread(posts, rule, 0, 30, 4);
        insert(posts);

        List<JsonNode> spikes = evaluateAndRead(now, rule);
        assertEquals(1, spikes.size());
        JsonNode spike = spikes.get(0).get("spike");
        Expected expected = expected(posts, rule, now);
        assertEquals("volume.spike", spikes.get(0).get("type").asText());
        assertEquals(rule, spike.get("rule").asText());
        assertEquals(now.minus(WINDOW), Instant.parse(spike.get("windowStart").asText()));
        assertEquals(now, Instant.parse(spike.get("windowEnd").asText()));
        assertEquals(30, spike.get("mentions").asLong());
        assertEquals(4, spike.get("negativeMentions").asLong());
        assertEquals(4 / 30.0, spike.get("negativeShare").asDouble(), 1e-9);
        assertEquals(50 / 12.0, spike.get("baselineMean").asDouble(), 1e-9);
        assertEquals(expected.mean, spike.get("baselineMean").asDouble(), 1e-9);
        assertEquals(expected.sd, spike.get("baselineStdDev").asDouble(), 1e-9);
        assertEquals(Math.max(expected.mean + 3 * expected.sd, 9), spike.get("threshold").asDouble(), 1e-9);
        assertEquals(0.0, spike.get("baselineNegativeShare").asDouble(), 1e-9);
        assertEquals(List.of("volume"), strings(spike.get("reasons")));
        JsonNode examples = spike.get("examples");
        assertEquals(3, examples.size());
        assertEquals("negative", examples.get(0).get("sentimentLabel").asText());
        assertTrue(examples.get(0).get("excerpt").asText().startsWith("negative post"), examples.toString());
        assertTrue(examples.get(0).get("permalink").asText().startsWith("https://example.org/"));

        // Within the cooldown: the storm goes on, nothing new.
        List<Post> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(new Post(rule, now.plus(Duration.ofSeconds(5 + i)), i < 10 ? "negative" : "neutral"));
        }
        insert(more);
        posts.addAll(more);
        assertEquals(1, evaluateAndRead(now.plus(Duration.ofMinutes(1)), rule).size());
        assertEquals(1, evaluateAndRead(now.plus(Duration.ofMinutes(59)), rule).size());

        // After the cooldown, a storm still growing alerts again.
        Instant later = now.plus(Duration.ofMinutes(61));
        List<Post> growing = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            growing.add(new Post(rule, later.minus(Duration.ofSeconds(10 + i * 5)), i < 20 ? "negative" : "neutral"));
        }
        insert(growing);
        posts.addAll(growing);
        List<JsonNode> again = evaluateAndRead(later, rule);
        assertEquals(2, again.size());
        JsonNode second = again.get(1).get("spike");
        Expected expectedLater = expected(posts, rule, later);
        assertEquals(80, second.get("mentions").asLong());
        assertEquals(expectedLater.windowCount, 80);
        assertEquals(expectedLater.mean, second.get("baselineMean").asDouble(), 1e-9);
        assertEquals(expectedLater.sd, second.get("baselineStdDev").asDouble(), 1e-9);
        assertTrue(strings(second.get("reasons")).contains("volume"));
        assertEquals(later, instant("SELECT last_alert_at FROM spike_alert_state WHERE rule = ?", rule));
    }

    @Test
    void flatVolumeWithANegativeSurgeFiresForTheNegativeShare() throws Throwable {
        String rule = rule("negative");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(rule, posts);
        for (int w = 1; w <= BASELINE_WINDOWS; w++) {
            spread(posts, rule, w, 8, 1);
        }
        spread(posts, rule, 0, 8, 6);
        insert(posts);

        List<JsonNode> spikes = evaluateAndRead(now, rule);
        assertEquals(1, spikes.size());
        JsonNode spike = spikes.get(0).get("spike");
        assertEquals(List.of("negative share"), strings(spike.get("reasons")));
        assertEquals(8, spike.get("mentions").asLong());
        assertEquals(6, spike.get("negativeMentions").asLong());
        assertEquals(0.75, spike.get("negativeShare").asDouble(), 1e-9);
        assertEquals(12 / 96.0, spike.get("baselineNegativeShare").asDouble(), 1e-9);
        assertEquals(8.0, spike.get("baselineMean").asDouble(), 1e-9);
        assertEquals(0.0, spike.get("baselineStdDev").asDouble(), 1e-9);
        assertEquals(3, spike.get("examples").size());
        for (JsonNode example : spike.get("examples")) {
            assertEquals("negative", example.get("sentimentLabel").asText());
        }
    }

    @Test
    void aQuietRuleAndARuleWithoutHistoryStaySilent() throws Throwable {
        String quiet = rule("quiet");
        String fresh = rule("fresh");
        String small = rule("small");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(quiet, posts);
        heardOfBefore(small, posts);
        for (int w = 1; w <= BASELINE_WINDOWS; w++) {
            spread(posts, quiet, w, 4 + w % 3, 1);
            spread(posts, small, w, w % 2, 0);
        }
        // Within the noise of its baseline.
        spread(posts, quiet, 0, 6, 1);
        // Far above a baseline of zero, but the rule was never heard of before the baseline began.
        spread(posts, fresh, 0, 40, 30);
        // Above mean + 3 sd, but fewer than 10 posts, and fewer than 5 negative.
        spread(posts, small, 0, 9, 4);
        insert(posts);

        assertEquals(0, evaluateAndRead(now, quiet).size());
        assertEquals(0, evaluateAndRead(now, fresh).size());
        assertEquals(0, evaluateAndRead(now, small).size());

        RuleWindow freshWindow = measure(now, fresh).get(0);
        assertFalse(freshWindow.history());
        assertEquals(40, freshWindow.mentions());
        assertEquals(List.of(), freshWindow.reasons());
        RuleWindow smallWindow = measure(now, small).get(0);
        assertTrue(smallWindow.history());
        assertEquals(9, smallWindow.mentions());
        assertTrue(9 > smallWindow.baselineMean() + 3 * smallWindow.baselineStdDev());
        assertEquals(List.of(), smallWindow.reasons());
    }

    @Test
    void measuringOneRuleShowsItsWindowWithoutAlerting() throws Throwable {
        String rule = rule("measured");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(rule, posts);
        spread(posts, rule, 3, 12, 0);
        spread(posts, rule, 0, 20, 2);
        insert(posts);

        List<RuleWindow> windows = measure(now, rule);
        assertEquals(1, windows.size());
        RuleWindow w = windows.get(0);
        assertEquals(20, w.mentions());
        assertEquals(1.0, w.baselineMean(), 1e-9);
        assertEquals(Math.sqrt(144 / 12.0 - 1), w.baselineStdDev(), 1e-9);
        assertEquals(List.of("volume"), w.reasons());
        assertEquals(0, spikes(rule).size(), "measuring writes nothing");
    }

    @Test
    void theSpikesEndpointShowsARuleToEveryRoleAndRejectsBadInput() throws Throwable {
        // The endpoint measures at real time: move this test's clock there.
        now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String rule = rule("endpoint");
        String other = rule.replace("alert-test-", "alert-test-z-");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(rule, posts);
        spread(posts, rule, 2, 4, 0);
        spread(posts, rule, 0, 12, 7);
        spread(posts, other, 0, 3, 0);
        insert(posts);

        for (String role : List.of("agent", "lead", "admin")) {
            JsonPath report = given().auth().oauth2(DevJwt.token("ann@acme.example", role, DevJwt.ISSUER,
                            Duration.ofHours(1)))
                    .queryParam("rule", rule).get("/api/v1/alerts/spikes")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(900, report.getLong("windowSeconds"));
            assertEquals(12, report.getInt("baselineWindows"));
            assertEquals(List.of(rule), report.getList("items.rule"));
            assertEquals(12, report.getLong("items[0].mentions"));
            assertEquals(7, report.getLong("items[0].negativeMentions"));
            assertEquals(4 / 12.0, report.getDouble("items[0].baselineMean"), 1e-6);
            assertEquals(true, report.getBoolean("items[0].history"));
            assertEquals(List.of("volume", "negative share"), report.getList("items[0].reasons"));
        }
        assertEquals(0, spikes(rule).size(), "looking writes no alert");

        given().queryParam("rule", rule).get("/api/v1/alerts/spikes").then().statusCode(401);
        given().auth().oauth2(DevJwt.token("eve@acme.example", "guest", DevJwt.ISSUER, Duration.ofHours(1)))
                .get("/api/v1/alerts/spikes").then().statusCode(403);
        // several rules, repeated or comma-separated, the same; a page at a time in rule order
        List<String> both = List.of(rule, other);
        assertEquals(both, given().auth().oauth2(TestData.agentToken()).queryParam("rule", rule + "," + other)
                .get("/api/v1/alerts/spikes").then().statusCode(200).extract().path("items.rule"));
        String next = given().auth().oauth2(TestData.agentToken()).queryParam("rule", rule, other)
                .queryParam("limit", 1).get("/api/v1/alerts/spikes").then().statusCode(200)
                .body("items.rule", equalTo(List.of(rule))).extract().path("nextCursor");
        given().auth().oauth2(TestData.agentToken()).queryParam("rule", rule, other).queryParam("limit", 1)
                .queryParam("cursor", next).get("/api/v1/alerts/spikes").then().statusCode(200)
                .body("items.rule", equalTo(List.of(other))).body("nextCursor", nullValue());
        given().auth().oauth2(TestData.agentToken()).queryParam("rules", rule).get("/api/v1/alerts/spikes")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("unknown query parameter rules; known are cursor, limit, rule"));
        given().auth().oauth2(TestData.agentToken()).queryParam("limit", 201).get("/api/v1/alerts/spikes")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(TestData.agentToken()).queryParam("rule", "r".repeat(201)).get("/api/v1/alerts/spikes")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void oneReplicaEvaluatesAtATimeAndAlertsAreCounted() throws Throwable {
        String rule = rule("locked");
        List<Post> posts = new ArrayList<>();
        heardOfBefore(rule, posts);
        spread(posts, rule, 0, 25, 0);
        insert(posts);
        double before = registry.counter(AlertMetrics.WRITTEN, "type", "volume.spike").count();

        // Another replica holds the evaluation lock: this one skips the run.
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, SpikeDetector.LOCK_KEY);
                lock.execute();
            }
            assertEquals(0, evaluateAndRead(now, rule).size());
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, SpikeDetector.LOCK_KEY);
                unlock.execute();
            }
        }
        assertEquals(1, evaluateAndRead(now, rule).size());
        assertTrue(registry.counter(AlertMetrics.WRITTEN, "type", "volume.spike").count() >= before + 1);
    }

    // ---------------------------------------------------------------- fixtures

    record Post(String rule, Instant at, String label) {
    }

    record Expected(long windowCount, double mean, double sd) {
    }

    static String rule(String name) {
        return "alert-test-" + name + "-" + UUID.randomUUID();
    }

    /** A post of the rule long before the baseline, so the rule has history. */
    void heardOfBefore(String rule, List<Post> posts) {
        posts.add(new Post(rule, now.minus(WINDOW.multipliedBy(BASELINE_WINDOWS + 1L)).minus(Duration.ofHours(2)),
                "neutral"));
    }

    /** {@code count} posts spread inside window {@code w} (0 = the last one), the first {@code negative} negative. */
    void spread(List<Post> posts, String rule, int w, int count, int negative) {
        Instant end = now.minus(WINDOW.multipliedBy(w));
        long step = WINDOW.toMillis() / (count + 1);
        for (int i = 0; i < count; i++) {
            posts.add(new Post(rule, end.minus(Duration.ofMillis(step * (i + 1))), i < negative ? "negative" : "neutral"));
        }
    }

    /** The baseline computed independently from the posts: per-window counts, mean and population sd. */
    static Expected expected(List<Post> posts, String rule, Instant at) {
        long[] counts = new long[BASELINE_WINDOWS + 1];
        for (Post p : posts) {
            if (!p.rule.equals(rule) || p.at.isAfter(at)) {
                continue;
            }
            long ago = Duration.between(p.at, at).toNanos();
            int w = (int) (ago / WINDOW.toNanos());
            if (w <= BASELINE_WINDOWS && ago < WINDOW.toNanos() * (BASELINE_WINDOWS + 1L)) {
                counts[w]++;
            }
        }
        double sum = 0;
        for (int w = 1; w <= BASELINE_WINDOWS; w++) {
            sum += counts[w];
        }
        double mean = sum / BASELINE_WINDOWS;
        double squares = 0;
        for (int w = 1; w <= BASELINE_WINDOWS; w++) {
            squares += (counts[w] - mean) * (counts[w] - mean);
        }
        return new Expected(counts[0], mean, Math.sqrt(squares / BASELINE_WINDOWS));
    }

    void insert(List<Post> posts) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO mention (id, task_id, conversation_id, source, permalink, author_handle, text,
                                             created_at, sentiment_label, sentiment_score, matched_rules)
                        VALUES (?, ?, ?, 'test', ?, 'dave', ?, ?, ?, ?, ?)
                        """)) {
            int n = 0;
            for (Post p : posts) {
                String id = UUID.randomUUID().toString();
                boolean negative = p.label.equals("negative");
                s.setString(1, "test:example.org:" + id);
                s.setLong(2, carrierTask);
                s.setString(3, conversationId);
                s.setString(4, "https://example.org/" + id);
                s.setString(5, (negative ? "negative post " : "neutral post ") + n++ + " about " + p.rule);
                s.setTimestamp(6, Timestamp.from(p.at));
                s.setString(7, p.label);
                s.setDouble(8, negative ? -0.5 - (n % 5) / 10.0 : 0.0);
                s.setArray(9, c.createArrayOf("text", new String[] {p.rule}));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    List<JsonNode> evaluateAndRead(Instant at, String rule) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> detector.evaluate(at));
        return spikes(rule);
    }

    List<RuleWindow> measure(Instant at, String rule) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> detector.measure(at, List.of(rule), null, 200));
    }

    List<JsonNode> spikes(String rule) throws SQLException {
        List<JsonNode> spikes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT payload, task_id FROM webhook_outbox"
                        + " WHERE event_type = 'volume.spike' AND CAST(payload AS jsonb) -> 'spike' ->> 'rule' = ?"
                        + " ORDER BY id")) {
            s.setString(1, rule);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    assertEquals(null, r.getObject(2), "a spike belongs to no task");
                    spikes.add(mapper.readTree(r.getString(1)));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return spikes;
    }

    Instant instant(String sql, String param) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
