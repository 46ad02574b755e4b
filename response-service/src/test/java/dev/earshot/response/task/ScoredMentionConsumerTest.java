package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.detail;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static dev.earshot.response.task.TestData.taskOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Real RabbitMQ (vhost earshot-test-response) and PostgreSQL (earshot_test), observed through the REST API. */
@QuarkusTest
class ScoredMentionConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestBroker broker;

    @BeforeAll
    static void connect() {
        broker = new TestBroker(TestData.VHOST);
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @BeforeEach
    void emptyDeadLetters() {
        broker.purge(ScoredMentionConsumer.DEAD_LETTER_QUEUE);
    }

    private static void publish(String json) {
        broker.publish(ScoredMentionConsumer.EXCHANGE, "test", json);
    }

    private static Map<String, Object> awaitTask(String conversationId) {
        return await().atMost(WAIT).until(() -> taskOf(conversationId), t -> t != null);
    }

    @Test
    void goldenSampleBecomesATaskWithSentimentAndPriority() throws IOException {
        String golden = new String(ScoredMentionContractTest.golden(), StandardCharsets.UTF_8);
        String conversationId = conversation();
        String id = mentionId();
        publish(golden.replace("hackernews:news.ycombinator.com:41000001", conversationId)
                .replace("hackernews:news.ycombinator.com:41000123", id));

        Map<String, Object> task = awaitTask(conversationId);
        assertEquals("negative", task.get("sentimentLabel"));
        assertEquals("open", task.get("status"));
        assertEquals("hackernews", task.get("source"));
        assertEquals("Show HN: Acme Cloud", task.get("title"));
        // 0.74 * 55 + 0.82 * 20 + log(16)/log(1001) * 15 (15 likes and replies) = 63.1
        assertEquals(63.1f, ((Number) task.get("priorityScore")).floatValue());
        assertEquals("P1", task.get("tier"));
        assertEquals(List.of("mentions an outage", "strongly negative"), task.get("priorityReasons"));
        assertEquals(1, task.get("mentionCount"));
        assertEquals(1, task.get("negativeCount"));

        JsonPath detail = detail(task.get("id"));
        assertEquals(1, detail.getList("mentions").size());
        assertEquals(id, detail.getString("mentions[0].id"));
        assertEquals("alice", detail.getString("mentions[0].authorHandle"));
        assertEquals("high", detail.getString("mentions[0].urgencyLevel"));
        assertEquals(List.of("outage"), detail.getList("mentions[0].intents"));
        assertEquals("sentiment-en-2026.11.25", detail.getString("mentions[0].modelVersion"));
        // P1: first response due 1 hour after the customer posted
        assertEquals(java.time.Instant.parse(detail.getString("firstMentionAt")).plus(Duration.ofHours(1)),
                java.time.Instant.parse(detail.getString("slaDueAt")));
    }

    @Test
    void theSameMessageTwiceMakesOneTaskAndOneMention() {
        String conversationId = conversation();
        String body = scored(mentionId(), conversationId, 0.6, -0.5, null);
        publish(body);
        publish(body);
        // a later message on the same queue: once it is stored, both copies were consumed before it
        String marker = conversation();
        publish(scored(mentionId(), marker, 0.1, 0.0, null));
        awaitTask(marker);

        Map<String, Object> task = taskOf(conversationId);
        assertNotNull(task);
        assertEquals(1, task.get("mentionCount"));
        assertEquals(1, task.get("negativeCount"));
        assertEquals(1, detail(task.get("id")).getList("mentions").size());
        assertEquals(1L, TestData.allTasks(200).stream().filter(t -> conversationId.equals(t.get("conversationId"))).count());
    }

    @Test
    void aSecondMentionJoinsTheTaskAndRaisesItsPriorityButNeverLowersIt() {
        String conversationId = conversation();
        publish(scored(mentionId(), conversationId, 0.1, 0.1, null));
        Map<String, Object> first = awaitTask(conversationId);
        float before = ((Number) first.get("priorityScore")).floatValue();
        assertEquals("P4", first.get("tier"));
        assertEquals("neutral", first.get("sentimentLabel"));

        publish(scored(mentionId(), conversationId, 0.95, -0.9, 25_000L));
        Map<String, Object> raised = await().atMost(WAIT).until(() -> taskOf(conversationId),
                t -> ((Number) t.get("mentionCount")).intValue() == 2);
        float after = ((Number) raised.get("priorityScore")).floatValue();
        assertTrue(after > before, "priority raised from " + before + " to " + after);
        assertEquals("P1", raised.get("tier"));
        assertEquals("negative", raised.get("sentimentLabel"));
        assertEquals(1, raised.get("negativeCount"));
        assertEquals(first.get("id"), raised.get("id"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) raised.get("priorityReasons");
        assertTrue(reasons.containsAll(List.of("mentions an outage", "strongly negative",
                "author reach 25k followers", "2 posts in the conversation")), reasons.toString());

        // a calm third post does not lower it (the conversation grew, so its size may raise it a little)
        publish(scored(mentionId(), conversationId, 0.0, 0.5, null));
        Map<String, Object> third = await().atMost(WAIT).until(() -> taskOf(conversationId),
                t -> ((Number) t.get("mentionCount")).intValue() == 3);
        assertTrue(((Number) third.get("priorityScore")).floatValue() >= after);
        assertEquals("P1", third.get("tier"));
        @SuppressWarnings("unchecked")
        List<String> now = (List<String>) third.get("priorityReasons");
        assertTrue(now.contains("3 posts in the conversation") && !now.contains("2 posts in the conversation"),
                now.toString());
        assertEquals(3, detail(third.get("id")).getList("mentions").size());
    }

    @Test
    void manyMentionsOfOneConversationMakeOneTask() {
        String conversationId = conversation();
        for (int i = 0; i < 8; i++) {
            publish(scored(mentionId(), conversationId, 0.3, -0.4, null));
        }
        Map<String, Object> task = await().atMost(WAIT).until(() -> taskOf(conversationId),
                t -> ((Number) t.get("mentionCount")).intValue() == 8);
        assertEquals(8, task.get("negativeCount"));
        assertEquals(8, detail(task.get("id")).getList("mentions").size());
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterQueueAndDoNotBlockTheQueue() {
        byte[] malformed = "{\"schemaVersion\": 1, \"mention\": {".getBytes(StandardCharsets.UTF_8);
        broker.publish(ScoredMentionConsumer.EXCHANGE, "test", malformed, "application/json");
        String noConversation = scored(mentionId(), conversation(), 0.5, -0.5, null)
                .replaceFirst("\"conversationId\":\"[^\"]+\",", "");
        publish(noConversation);
        String conversationId = conversation();
        publish(scored(mentionId(), conversationId, 0.5, -0.5, null));

        awaitTask(conversationId);
        // other modules' tests may publish to the same exchange of the test vhost: look for ours
        Map<String, TestBroker.Received> ours = new java.util.HashMap<>();
        String malformedBody = new String(malformed, StandardCharsets.UTF_8);
        await().atMost(WAIT).until(() -> {
            TestBroker.Received r;
            while ((r = broker.take(ScoredMentionConsumer.DEAD_LETTER_QUEUE)) != null) {
                if (r.body().equals(malformedBody) || r.body().equals(noConversation)) {
                    ours.put(r.body(), r);
                }
            }
            return ours.size() == 2;
        });
        assertEquals("missing mention.conversationId",
                String.valueOf(ours.get(noConversation).properties().getHeaders().get(DeadLetterQueue.REASON)));
        assertTrue(String.valueOf(ours.get(malformedBody).properties().getHeaders().get(DeadLetterQueue.REASON))
                .equals("body is not valid JSON"), ours.get(malformedBody).properties().getHeaders().toString());
        assertEquals("application/json", ours.get(malformedBody).properties().getContentType());
    }

    @Test
    void anAdminListsTheDeadLettersAndReplaysOneIntoATask() {
        // a valid message that was dead-lettered earlier (say, before a fix): it waits in the DLQ
        String conversationId = conversation();
        String id = mentionId();
        broker.publish("", ScoredMentionConsumer.DEAD_LETTER_QUEUE, scored(id, conversationId, 0.5, -0.5, null), id);
        String admin = dev.earshot.testing.DevJwt.token("admin");

        JsonPath listing = io.restassured.RestAssured.given().auth().oauth2(admin)
                .when().get("/api/v1/pipeline/dead-letters?limit=100").then().statusCode(200).extract().jsonPath();
        assertEquals(ScoredMentionConsumer.DEAD_LETTER_QUEUE, listing.getString("deadLetterQueue"));
        assertTrue(listing.getList("items.messageId").contains(id), listing.prettify());
        assertNull(listing.getString("nextCursor"), listing.prettify());
        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/v1/pipeline/dead-letters?limit=201")
                .then().statusCode(400).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(dev.earshot.testing.DevJwt.token("agent"))
                .when().get("/api/v1/pipeline/dead-letters").then().statusCode(403);
        io.restassured.RestAssured.when().get("/api/v1/pipeline/dead-letters").then().statusCode(401);

        io.restassured.RestAssured.given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("ids", List.of(id))).when().post("/api/v1/pipeline/dead-letters/replay")
                .then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(1));
        Map<String, Object> task = awaitTask(conversationId);
        assertEquals(id, detail(task.get("id")).getString("mentions[0].id"));
        assertEquals(0L, broker.messageCount(ScoredMentionConsumer.DEAD_LETTER_QUEUE));
    }
}
