package dev.earshot.response.queue;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scoredNode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Issue 15, "Time and order" and "A readable queue", through the HTTP API. */
@QuarkusTest
class TimeAndOrderTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(DevJwt.token(subject, role, DevJwt.ISSUER, Duration.ofHours(1)));
    }

    private static ObjectNode mention(ObjectNode post) {
        return (ObjectNode) post.get("mention");
    }

    /** A post with a word of its own in the text, so a text filter finds its task alone. */
    private static ObjectNode post(String conversationId, String word, double urgency, double sentiment, Long followers,
            Instant postedAt) {
        ObjectNode post = scoredNode(mentionId(), conversationId, urgency, sentiment, followers);
        mention(post).put("text", "Acme " + word + " is down again").put("createdAt", postedAt.toString());
        return post;
    }

    private long record(ObjectNode post) {
        Ingest.record(service, mapper, post);
        return TestData.taskId(dataSource, mention(post).get("conversationId").asText());
    }

    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "");
    }

    private static List<Map<String, Object>> listed(String word, String status) {
        var request = as("ann@acme.example", "agent").queryParam("text", word);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get("/api/v1/tasks").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static JsonPath summary(String word) {
        return as("ann@acme.example", "agent").queryParam("text", word).queryParam("status", "all")
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theSlaClockStartsWhenTheCustomerPosted() {
        String word = word();
        Instant posted = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        // urgent and negative: P1, one-hour SLA
        long id = record(post(conversation(), word, 0.95, -0.8, null, posted));
        JsonPath s = summary(word);
        assertEquals("P1", s.getString("items[0].tier"));
        assertEquals(posted.plus(Duration.ofHours(1)), Instant.parse(s.getString("items[0].slaDueAt")));
        long left = s.getLong("items[0].secondsToBreach");
        assertTrue(left > 19 * 60 - 30 && left <= 20 * 60, "a post seen 40 minutes late has 20 minutes left: " + left);
        double lag = s.getDouble("items[0].ingestLagSeconds");
        assertTrue(lag >= 40 * 60 && lag < 41 * 60, "ingest lag shown apart: " + lag);
        assertEquals(lag, TestData.detail(id).getDouble("ingestLagSeconds"));

        // the first response KPI counts from the post too
        String agent = "kpi-" + UUID.randomUUID() + "@acme.example";
        as(agent, "agent").contentType(ContentType.JSON)
                .body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"on it\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
        JsonPath kpis = as("lena@acme.example", "lead").queryParam("agent", agent)
                .queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofMinutes(1)).toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        double firstResponse = kpis.getDouble("overall.firstResponseMedianSeconds");
        assertTrue(firstResponse >= 40 * 60, "the customer waited 40 minutes and more: " + firstResponse);
    }

    @Test
    void aPostDatedInTheFutureCountsAsNow() {
        String word = word();
        Instant before = Instant.now();
        record(post(conversation(), word, 0.95, -0.8, null, before.plus(Duration.ofDays(2))));
        JsonPath s = summary(word);
        assertFalse(Instant.parse(s.getString("items[0].firstMentionAt")).isAfter(Instant.now()));
        assertTrue(s.getLong("items[0].secondsToBreach") <= 3600, "no extra time for a clock in the future");
        assertEquals(0.0, s.getDouble("items[0].ingestLagSeconds"));
    }

    @Test
    void withinFiveMinutesOfEachOtherTheHigherPriorityComesFirst() {
        TestData.truncate(dataSource);
        String word = word();
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
        // the lower score is due 20 seconds earlier, in the same 5-minute bucket
        long lower = record(post(conversation(), word, 0.95, -0.6, null, t.plusSeconds(60)));
        long higher = record(post(conversation(), word, 0.95, -0.9, 200_000L, t.plusSeconds(80)));
        List<Map<String, Object>> items = listed(word, null);
        assertEquals(items.get(0).get("tier"), items.get(1).get("tier"), "one tier");
        assertTrue((Float) items.get(0).get("priorityScore") > (Float) items.get(1).get("priorityScore"));
        assertEquals(List.of(higher, lower), items.stream().map(i -> ((Number) i.get("id")).longValue()).toList());

        // the next page continues in that order
        JsonPath first = as("ann@acme.example", "agent").queryParam("text", word).queryParam("limit", 1)
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
        assertEquals(higher, first.getLong("items[0].id"));
        as("ann@acme.example", "agent").queryParam("text", word).queryParam("limit", 1)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/tasks").then().statusCode(200)
                .body("items[0].id", org.hamcrest.Matchers.equalTo((int) lower));

        // claim-next takes them in the same order; a task due a bucket earlier still comes first
        long earlier = record(post(conversation(), word, 0.95, -0.6, null, t.minusSeconds(600)));
        for (long expected : List.of(earlier, higher, lower)) {
            assertEquals(expected, as("bob@acme.example", "agent").post("/api/v1/tasks/claim-next").then()
                    .statusCode(200).extract().jsonPath().getLong("id"));
        }
    }

    @Test
    void aSnoozedTaskLeavesTheQueueWithItsClockPausedUntilItWakes() {
        String word = word();
        String conversationId = conversation();
        long id = record(post(conversationId, word, 0.95, -0.8, null, Instant.now().minusSeconds(60)));
        long leftBefore = ((Number) listed(word, null).get(0).get("secondsToBreach")).longValue();

        as("ann@acme.example", "agent").contentType(ContentType.JSON).body("{\"until\":\"PT2H\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("snoozed"));
        Instant until = Instant.parse(TestData.detail(id).getString("snoozedUntil"));
        assertTrue(Duration.between(Instant.now(), until).toMinutes() >= 119, "PT2H from now: " + until);
        assertTrue(listed(word, null).isEmpty(), "hidden from the default queue");
        List<Map<String, Object>> snoozed = listed(word, "snoozed");
        assertEquals(1, snoozed.size());
        long paused = ((Number) snoozed.get(0).get("secondsToBreach")).longValue();
        assertTrue(Math.abs(paused - leftBefore) <= 2, "the clock is paused: " + paused + " vs " + leftBefore);
        // SLA paused: the time snoozed is added to the due time when it wakes (here pretend it slept 10 minutes)
        TestData.sql(dataSource, "UPDATE task SET snoozed_at = snoozed_at - interval '10 minutes' WHERE id = " + id);
        String dueBefore = TestData.detail(id).getString("slaDueAt");

        // an instant works too, and re-snoozing keeps the pause
        String instant = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        as("ann@acme.example", "agent").contentType(ContentType.JSON).body("{\"until\":\"" + instant + "\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(200)
                .body("snoozedUntil", org.hamcrest.Matchers.equalTo(instant));

        // a new post wakes it: back in the queue, due the time it slept later
        ObjectNode followUp = post(conversationId, word, 0.2, -0.3, null, Instant.now());
        Ingest.record(service, mapper, followUp);
        List<Map<String, Object>> back = listed(word, null);
        assertEquals(1, back.size());
        assertEquals("open", back.get(0).get("status"));
        long shift = Duration.between(Instant.parse(dueBefore), Instant.parse((String) back.get(0).get("slaDueAt")))
                .toSeconds();
        assertTrue(shift >= 600 && shift < 620, "due later by the time snoozed: " + shift);
    }

    @Test
    void snoozeUntilIsADurationOrAnInstantWithinThirtyDays() {
        long id = record(post(conversation(), word(), 0.95, -0.8, null, Instant.now()));
        for (String bad : List.of("tomorrow", "2h", "2026-13-01", "PT", "12:00")) {
            as("ann@acme.example", "agent").contentType(ContentType.JSON).body("{\"until\":\"" + bad + "\"}")
                    .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("ISO-8601 duration such as PT2H or an instant"));
        }
        for (String tooFar : List.of("P31D", "-PT1H", Instant.now().minusSeconds(60).toString())) {
            as("ann@acme.example", "agent").contentType(ContentType.JSON).body("{\"until\":\"" + tooFar + "\"}")
                    .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("at most P30D ahead"));
        }
        as("ann@acme.example", "agent").contentType(ContentType.JSON).body("{\"until\":\"P30D\"}")
                .post("/api/v1/tasks/{id}/snooze", id).then().statusCode(200);
    }

    @Test
    void theSummaryCarriesAnExcerptItsLanguageAndTheViewers() {
        String word = word();
        String conversationId = conversation();
        long id = record(post(conversationId, word, 0.5, -0.5, null, Instant.now().minusSeconds(120)));
        ObjectNode latest = post(conversationId, word, 0.5, -0.5, null, Instant.now().minusSeconds(60));
        mention(latest).put("text", "Latest " + word + " " + "x".repeat(400));
        latest.put("language", "de");
        Ingest.record(service, mapper, latest);
        as("eli@acme.example", "agent").post("/api/v1/tasks/{id}/viewing", id).then().statusCode(200);

        Map<String, Object> s = listed(word, null).get(0);
        String excerpt = (String) s.get("excerpt");
        assertTrue(excerpt.startsWith("Latest " + word), excerpt);
        assertEquals(200, excerpt.length());
        assertEquals("de", s.get("language"));
        assertEquals(List.of("eli@acme.example"), s.get("viewers"));
    }

    @Test
    void reasonsDescribeTheConversationAsItIsNow() {
        String word = word();
        String conversationId = conversation();
        ObjectNode first = post(conversationId, word, 0.6, -0.9, 200_000L, Instant.now().minusSeconds(600));
        ((com.fasterxml.jackson.databind.node.ArrayNode) first.get("urgency").get("reasons"))
                .add("author has a very large reach");
        long id = record(first);
        for (int i = 0; i < 5; i++) {
            Ingest.record(service, mapper, post(conversationId, word, 0.1, 0.0, null, Instant.now().minusSeconds(500 - i)));
        }
        List<String> reasons = TestData.detail(id).getList("priorityReasons");
        assertTrue(reasons.contains("6 posts in the conversation"), reasons.toString());
        assertTrue(reasons.stream().noneMatch(r -> r.matches("\\d posts in the conversation") && !r.startsWith("6")),
                reasons.toString());
        assertTrue(reasons.contains("author reach 200k followers"), reasons.toString());
        assertFalse(reasons.contains("author has a very large reach"), "one reach reason: " + reasons);

        // a neutral task carries no tone reason, whatever the score's sign
        String neutralWord = word();
        ObjectNode neutral = post(conversation(), neutralWord, 0.3, -0.35, null, Instant.now());
        ((ObjectNode) neutral.get("sentiment")).put("label", "neutral");
        long neutralId = record(neutral);
        JsonPath d = TestData.detail(neutralId);
        assertEquals("neutral", d.getString("sentimentLabel"));
        assertFalse(d.getList("priorityReasons").contains("negative"), d.getList("priorityReasons").toString());
    }

    @Test
    void postsTheModelsCouldNotJudgeNeedAReply() {
        // a German outage complaint: no sentiment model for German, so neutral, and "no reply needed"
        String word = word();
        ObjectNode german = post(conversation(), word, 0.2, 0.0, null, Instant.now());
        mention(german).put("text", "Acme " + word + " ist schon wieder down, nichts geht");
        ((ObjectNode) german.get("sentiment")).put("label", "neutral");
        ((ObjectNode) german.get("urgency")).put("needsReply", false);
        german.put("language", "de").put("languageSupported", false);
        german.putArray("intents");
        record(german);
        List<Map<String, Object>> listed = listed(word, null);
        assertEquals(1, listed.size(), "in the default queue");
        assertEquals(true, listed.get(0).get("needsReply"));
        assertEquals("de", listed.get(0).get("language"));

        // a low-confidence "no reply needed" is not trusted either
        String unsure = word();
        ObjectNode lowConfidence = post(conversation(), unsure, 0.2, 0.05, null, Instant.now());
        ObjectNode probabilities = ((ObjectNode) lowConfidence.get("sentiment")).putObject("probabilities");
        probabilities.put("negative", 0.30).put("neutral", 0.35).put("positive", 0.35);
        ((ObjectNode) lowConfidence.get("urgency")).put("needsReply", false);
        record(lowConfidence);
        assertEquals(1, listed(unsure, null).size());

        // a confident one still is
        String sure = word();
        ObjectNode confident = post(conversation(), sure, 0.1, 0.8, null, Instant.now());
        ((ObjectNode) confident.get("sentiment")).putObject("probabilities").put("negative", 0.02)
                .put("neutral", 0.08).put("positive", 0.9);
        ((ObjectNode) confident.get("urgency")).put("needsReply", false);
        record(confident);
        assertTrue(listed(sure, null).isEmpty());
        assertNotNull(summary(sure).getString("items[0].id"));
        assertNull(summary(sure).getString("items[0].excerpt"), "no post of it needs a reply");
    }
}
