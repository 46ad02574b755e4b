package dev.earshot.response.insight;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scoredNode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

@QuarkusTest
class InsightResourceTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private long post(String conversationId, String author, double urgency, double sentiment, Instant createdAt,
            String intent) {
        ObjectNode node = scoredNode(mentionId(), conversationId, urgency, sentiment, null);
        ObjectNode m = (ObjectNode) node.get("mention");
        ((ObjectNode) m.get("author")).put("handle", author).put("id", author);
        m.put("createdAt", createdAt.toString());
        if (intent != null) {
            node.putArray("intents").add(intent);
        }
        Ingest.record(service, mapper, node);
        return TestData.taskId(dataSource, conversationId);
    }

    private static void resolve(String agent, long id) {
        given().auth().oauth2(DevJwt.token(agent, "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON).body("{\"replyUrl\":\"https://example.org/r\",\"replyText\":\"done\"}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);
    }

    @Test
    void oneCustomerAcrossConversations() {
        String carol = "carol-" + System.nanoTime();
        Instant now = Instant.now();
        long a = post(conversation(), carol, 0.5, -0.6, now, null);
        String second = conversation();
        long b = post(second, carol, 0.1, 0.6, now, null);
        post(second, "dave-" + System.nanoTime(), 0.1, 0.0, now, null);
        JsonPath c = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/customers/test/{author}", carol)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, c.getInt("postCount"));
        assertEquals(2, c.getInt("taskCount"));
        assertEquals(0.0f, c.getFloat("netSentiment"));
        assertEquals(List.of(a, b).stream().sorted().toList(),
                c.getList("tasks.id", Long.class).stream().sorted().toList());
        assertEquals(2, c.getList("recentPosts").size());
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/customers/test/nobody-{n}", System.nanoTime())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 10).get("/api/v1/customers/test/{author}", carol)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("unknown query parameter limit; this listing takes none"));
    }

    @Test
    void kpisPerTeamAndAgentComputedFromTheTasks() {
        TestData.truncate(dataSource);
        Instant now = Instant.now();
        // three support tasks answered 10, 30 and 60 minutes after their SLA clock started
        long t1 = post(conversation(), "u1", 0.9, -0.8, now.minus(Duration.ofMinutes(20)), "outage");
        long t2 = post(conversation(), "u2", 0.9, -0.8, now.minus(Duration.ofMinutes(40)), "outage");
        long t3 = post(conversation(), "u3", 0.9, -0.8, now.minus(Duration.ofMinutes(70)), "outage");
        TestData.sql(dataSource, "UPDATE task SET sla_started_at = now() - interval '10 minutes', "
                + "sla_due_at = now() + interval '50 minutes' WHERE id = " + t1);
        TestData.sql(dataSource, "UPDATE task SET sla_started_at = now() - interval '30 minutes', "
                + "sla_due_at = now() + interval '30 minutes' WHERE id = " + t2);
        TestData.sql(dataSource, "UPDATE task SET sla_started_at = now() - interval '60 minutes', "
                + "sla_due_at = now() - interval '1 second' WHERE id = " + t3);
        resolve("ann", t1);
        resolve("ann", t2);
        resolve("bob", t3);
        // after our reply: one positive post in t1's conversation
        String c1 = TestData.detail(t1).getString("conversationId");
        post(c1, "u1", 0.1, 0.7, now.plus(Duration.ofMinutes(1)), "praise");
        // one unanswered product task, still in the backlog; a praise post that needs no reply
        ObjectNode feature = scoredNode(mentionId(), conversation(), 0.2, 0.1, null);
        ((ObjectNode) feature.get("mention")).put("text", "feature request: exports").put("createdAt", now.toString());
        Ingest.record(service, mapper, feature);

        JsonPath k = given().auth().oauth2(DevJwt.token("lead"))
                .queryParam("from", now.minus(Duration.ofHours(3)).toString())
                .queryParam("to", now.plus(Duration.ofHours(1)).toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        assertEquals(3, k.getInt("overall.responded"));
        // first response times 600 s, 1800 s, 3600 s: median 1800, p90 = 1800 + 0.8 * 1800 = 3240
        assertEquals(1800.0, k.getDouble("overall.firstResponseMedianSeconds"), 5.0);
        assertEquals(3240.0, k.getDouble("overall.firstResponseP90Seconds"), 5.0);
        assertEquals(3, k.getInt("overall.resolved"));
        assertEquals(2, k.getInt("overall.slaMet"));
        assertEquals(1, k.getInt("overall.slaMissed"));
        assertEquals(0.6667, k.getDouble("overall.slaAttainment"), 0.0001);
        assertEquals(4, k.getInt("overall.needingReply"));
        assertEquals(0.75, k.getDouble("overall.responseRate"), 0.0001);
        // posts: 3 negative, 1 positive, 1 neutral-ish (0.1 -> neutral): (1 - 3) / 5 = -40 %
        assertEquals(5, k.getInt("overall.posts"));
        assertEquals(-40.0, k.getDouble("overall.netSentiment"), 0.01);
        assertEquals(-100.0, k.getDouble("overall.netSentimentBeforeReply"), 0.01);
        assertEquals(100.0, k.getDouble("overall.netSentimentAfterReply"), 0.01);
        // one unit for every sentiment figure: -100..100 (mean scores times 100)
        assertEquals(-80.0, k.getDouble("overall.sentimentBeforeReply"), 0.01);
        assertEquals(70.0, k.getDouble("overall.sentimentAfterReply"), 0.01);
        assertEquals(3, k.getInt("overall.replies"), "each resolve above carried a reply");

        Map<String, Object> support = team(k, "support");
        assertEquals(3, support.get("responded"));
        Map<String, Object> product = team(k, "product");
        assertEquals(0, product.get("responded"));
        assertEquals(1, product.get("needingReply"));
        assertEquals(0.0f, ((Number) product.get("responseRate")).floatValue());

        List<Map<String, Object>> agents = k.getList("byAgent");
        assertEquals(List.of("ann", "bob"), agents.stream().map(a -> a.get("key")).toList());
        assertEquals(2, agents.get(0).get("responded"));
        assertEquals(1, agents.get(1).get("slaMissed"));
        assertEquals(1, k.getInt("backlogByTier.P4") + k.getInt("backlogByTier.P3"));
        assertEquals(5, k.getInt("volumeBySource.test"));
        assertEquals(3, k.getInt("volumeByIntent.outage"));

        JsonPath onlyBob = given().auth().oauth2(DevJwt.token("admin")).queryParam("agent", "bob")
                .queryParam("from", now.minus(Duration.ofHours(3)).toString()).get("/api/v1/kpis").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, onlyBob.getInt("overall.responded"));
        JsonPath productOnly = given().auth().oauth2(DevJwt.token("lead")).queryParam("team", "product")
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        assertEquals(0, productOnly.getInt("overall.responded"));
        assertNull(productOnly.get("overall.firstResponseMedianSeconds"));
        assertEquals(List.of("product"), productOnly.getList("byTeam.key"));

        for (String[] bad : new String[][] {{"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"},
                {"team", "marketing"}, {"agnet", "ann@acme.example"}}) {
            given().auth().oauth2(DevJwt.token("lead")).queryParam(bad[0], bad[1]).get("/api/v1/kpis").then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
        given().auth().oauth2(DevJwt.token("lead")).queryParam("from", now.toString())
                .queryParam("to", now.minusSeconds(1).toString()).get("/api/v1/kpis").then().statusCode(400)
                .body("detail", containsString("before"));
        given().auth().oauth2(DevJwt.token("lead")).queryParam("team", "support", "sales").get("/api/v1/kpis").then()
                .statusCode(400).body("detail", equalTo("team takes one value"));
    }

    private static void reply(String agent, long id, String body) {
        given().auth().oauth2(DevJwt.token(agent, "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/tasks/{id}/replies", id).then().statusCode(200);
    }

    @Test
    void everyRecordedReplyCountsAndSentimentAfterReplyReadsTheFollowUps() {
        TestData.truncate(dataSource);
        Instant now = Instant.now();
        long t1 = post(conversation(), "v1", 0.9, -0.4, now.minus(Duration.ofMinutes(30)), null);
        long t2 = post(conversation(), "v2", 0.9, -0.4, now.minus(Duration.ofMinutes(30)), null);
        long t3 = post(conversation(), "v3", 0.9, -0.4, now.minus(Duration.ofMinutes(30)), null);
        post(conversation(), "v4", 0.9, -0.4, now.minus(Duration.ofMinutes(30)), null); // never answered
        // 4 replies on 3 tasks, none resolved: two by DM on t1, one public on t2 and t3
        reply("ann", t1, "{\"channel\":\"dm\",\"text\":\"Sent you a DM\"}");
        reply("ann", t1, "{\"channel\":\"dm\"}");
        reply("bob", t2, "{\"channel\":\"public\",\"link\":\"https://example.org/r/2\"}");
        reply("bob", t3, "{\"channel\":\"other\",\"text\":\"Called them\"}");
        // the customer of t1 answers negatively after our first reply; the task stays open (no reopen involved)
        post(TestData.detail(t1).getString("conversationId"), "v1", 0.5, -0.9, Instant.now().plusSeconds(1), null);

        JsonPath k = given().auth().oauth2(DevJwt.token("lead"))
                .queryParam("from", now.minus(Duration.ofHours(1)).toString())
                .queryParam("to", now.plus(Duration.ofHours(1)).toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath();
        assertEquals(4, k.getInt("overall.replies"));
        assertEquals(3, k.getInt("overall.repliedTasks"));
        assertEquals(3, k.getInt("overall.responded"));
        assertEquals(0, k.getInt("overall.resolved"));
        assertEquals(0.75, k.getDouble("overall.responseRate"), 0.0001);
        // before the first replies: four posts at -0.4 -> -40; after: the one follow-up at -0.9 -> -90
        assertEquals(-40.0, k.getDouble("overall.sentimentBeforeReply"), 0.01);
        assertEquals(-90.0, k.getDouble("overall.sentimentAfterReply"), 0.01);
        assertEquals(-100.0, k.getDouble("overall.netSentimentAfterReply"), 0.01);
        List<Map<String, Object>> agents = k.getList("byAgent");
        assertEquals(List.of("ann", "bob"), agents.stream().map(a -> a.get("key")).toList());
        assertEquals(List.of(2, 2), agents.stream().map(a -> a.get("replies")).toList());
        assertEquals(List.of(1, 2), agents.stream().map(a -> a.get("repliedTasks")).toList());
        JsonPath onlyAnn = given().auth().oauth2(DevJwt.token("lead")).queryParam("agent", "ann")
                .queryParam("from", now.minus(Duration.ofHours(1)).toString()).get("/api/v1/kpis").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, onlyAnn.getInt("overall.replies"));
    }

    @Test
    void extremeDatesAre400NotA500() {
        String[][] ranges = {
                {"+999999999-01-01T00:00:00Z", "+999999999-01-02T00:00:00Z"},
                {"-5000-01-01T00:00:00Z", "-5000-01-02T00:00:00Z"},
                {"1969-12-30T00:00:00Z", "1969-12-31T00:00:00Z"},
                {"+10000-01-01T00:00:00Z", "+10000-01-02T00:00:00Z"},
                {null, "+999999999-01-01T00:00:00Z"},
                {null, "-1000000000-01-01T00:00:00Z"}};
        for (String[] range : ranges) {
            var request = given().auth().oauth2(DevJwt.token("lead")).queryParam("to", range[1]);
            if (range[0] != null) {
                request.queryParam("from", range[0]);
            }
            request.get("/api/v1/kpis").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("ISO-8601 instants from 1970-01-01T00:00:00Z"));
        }
        given().auth().oauth2(DevJwt.token("lead")).queryParam("from", "1970-01-01T00:00:00Z")
                .queryParam("to", "1970-01-02T00:00:00Z").get("/api/v1/kpis").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> team(JsonPath k, String team) {
        return ((List<Map<String, Object>>) (List<?>) k.getList("byTeam")).stream()
                .filter(t -> team.equals(t.get("key"))).findFirst().orElseThrow();
    }

    @Test
    void aHandleMatchesInAnyCaseWithOrWithoutAt() {
        long n = System.nanoTime();
        String conversationId = conversation();
        ObjectNode node = scoredNode(mentionId(), conversationId, 0.5, -0.6, null);
        ((ObjectNode) node.get("mention").get("author")).put("handle", "@Carol_" + n).put("id", "id-" + n);
        Ingest.record(service, mapper, node);
        long task = TestData.taskId(dataSource, conversationId);

        for (String asked : new String[] { "carol_" + n, "@carol_" + n, "CAROL_" + n, "@Carol_" + n, "id-" + n }) {
            given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/customers/test/{author}", asked).then()
                    .statusCode(200).body("postCount", equalTo(1)).body("tasks.size()", equalTo(1))
                    .body("tasks[0].id", equalTo((int) task)).body("recentPosts.size()", equalTo(1));
        }
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/customers/test/{author}", "ID-" + n).then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
