package dev.earshot.sentiment.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTest;

/** Against the real RabbitMQ (vhost earshot-test-sentiment): delivery, publish properties, dead-lettering. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MentionMessagingTest {

    static final String MENTIONS_EXCHANGE = "earshot.mentions";
    static final String SCORED_EXCHANGE = "earshot.scored-mentions";
    static final String DLQ = "sentiment-service.mentions.dlq";
    static final String TAP = "sentiment-service.test.scored-tap";
    static final String FORUM_QUEUE = "sentiment-service.test.forum-consumer";
    static final String CRASH_QUEUE = "sentiment-service.test.crash-consumer";

    static TestBroker broker;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void connect() {
        broker = new TestBroker(System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-sentiment"));
        // bound for the sources the tests use, so that a "forum" mention has no queue to go to until a test binds one
        broker.deleteQueue(TAP);
        broker.tap(SCORED_EXCHANGE, TAP, "mastodon");
        broker.tap(SCORED_EXCHANGE, TAP, "rss");
        broker.deleteQueue(FORUM_QUEUE);
        broker.deleteQueue(CRASH_QUEUE);
        broker.purge(DLQ);
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @Test
    void aMentionIsScoredAndPublishedPersistentWithTheSourceAsRoutingKey() throws Exception {
        String id = "mastodon:mastodon.social:" + UUID.randomUUID();
        String mention = """
                {"schemaVersion":1,"id":"%s","source":"mastodon","instance":"mastodon.social","nativeId":"1",
                 "permalink":"https://mastodon.social/@bob/1","conversationId":"%s","inReplyTo":null,
                 "author":{"id":"42","handle":"bob","displayName":"Bob","followers":25000,
                           "profileUrl":"https://mastodon.social/@bob"},
                 "title":null,"text":"Acme Cloud is down again, worst service ever. I'm cancelling my subscription!",
                 "languageHint":"en","createdAt":"2026-11-25T10:15:30Z","fetchedAt":"2026-11-25T10:16:02Z",
                 "engagement":{"likes":3,"replies":null,"shares":1},"matchedRules":["acme"],
                 "nearDuplicateOf":"mastodon:mastodon.social:0","editedAt":"2026-11-25T10:20:00Z",
                 "links":["https://status.acme.example/"]}
                """.formatted(id, id);
        broker.publish(MENTIONS_EXCHANGE, "mastodon", mention);

        TestBroker.Received received = awaitScored(id);
        JsonNode scored = mapper.readTree(received.body());
        assertEquals(1, scored.path("schemaVersion").asInt());
        assertEquals(mapper.readTree(mention), scored.path("mention"), "the mention travels unchanged");
        assertEquals("negative", scored.path("sentiment").path("label").asText());
        assertTrue(scored.path("sentiment").path("score").asDouble() < 0);
        assertEquals(3, scored.path("sentiment").path("probabilities").size());
        List<String> reasons = texts(scored.path("urgency").path("reasons"));
        assertTrue(reasons.containsAll(List.of("mentions an outage", "threatens to cancel", "author has a large reach")),
                reasons.toString());
        assertTrue(Set.of("high", "critical").contains(scored.path("urgency").path("level").asText()));
        assertTrue(texts(scored.path("intents")).containsAll(List.of("outage", "churn-risk")));
        assertEquals("en", scored.path("language").asText());
        assertTrue(scored.path("languageSupported").asBoolean());
        assertEquals(false, scored.path("truncated").asBoolean(true));
        assertTrue(scored.path("urgency").path("needsReply").asBoolean());
        JsonNode drivers = scored.path("sentiment").path("drivers");
        assertTrue(drivers.size() > 0 && drivers.size() <= 5, drivers.toString());
        assertTrue(drivers.get(0).path("weight").asDouble() < 0, drivers.toString());
        assertTrue(scored.path("modelVersion").asText().startsWith("sentiment-en-"));

        assertEquals(2, received.properties().getDeliveryMode(), "persistent");
        assertEquals("application/json", received.properties().getContentType());
    }

    @Test
    void unreadableBodiesAreDeadLetteredAndTheNextGoodMentionStillFlows() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<byte[]> bad = List.of(
                ("{\"id\": \"broken-" + marker + "\", \"text\": ").getBytes(StandardCharsets.UTF_8),
                ("{\"source\":\"rss\",\"note\":\"no id " + marker + "\",\"text\":\"hello\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"id\":\"rss:x:" + marker + "\",\"source\":\"rss\"}").getBytes(StandardCharsets.UTF_8),
                ("[\"array " + marker + "\"]").getBytes(StandardCharsets.UTF_8),
                unscorable("rss:blog.example:empty-" + marker, ""),
                unscorable("rss:blog.example:binary-" + marker, "\\u0000\\u0001PK\\u0003\\u0004\\u0000\\ufffd\\ufffd"),
                unscorable("rss:blog.example:punctuation-" + marker, "!!! ... https://blog.example/x"));
        for (byte[] body : bad) {
            broker.publish(MENTIONS_EXCHANGE, "rss", body, "application/json");
        }
        broker.publish(MENTIONS_EXCHANGE, "rss", new byte[0], "application/json");
        broker.publish(MENTIONS_EXCHANGE, "rss", new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, 0x01}, "application/octet-stream");

        String goodId = "rss:blog.example:" + marker;
        broker.publish(MENTIONS_EXCHANGE, "rss", """
                {"schemaVersion":1,"id":"%s","source":"rss","instance":"blog.example","nativeId":"%s",
                 "text":"Thank you Acme, the new dashboard is great!","createdAt":"2026-11-25T10:15:30Z"}
                """.formatted(goodId, marker));

        JsonNode scored = mapper.readTree(awaitScored(goodId).body());
        assertEquals("positive", scored.path("sentiment").path("label").asText());
        assertEquals("en", scored.path("language").asText(), "detected, no hint needed");
        assertEquals(false, scored.path("urgency").path("needsReply").asBoolean(true), "praise needs no reply");

        List<String> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestBroker.Received dead;
            while ((dead = broker.take(DLQ)) != null) {
                deadLetters.add(dead.body());
            }
            return deadLetters.stream().filter(body -> body.contains(marker)).count() == bad.size()
                    && deadLetters.contains("")
                    && deadLetters.stream().anyMatch(body -> body.length() == 4 || body.contains("\u0000"));
        });
    }

    @Test
    void everyDeadLetterCarriesItsReasonInAHeader() {
        String id = "rss:blog.example:schema-" + UUID.randomUUID();
        broker.publish(MENTIONS_EXCHANGE, "rss", """
                {"schemaVersion":9,"id":"%s","source":"rss","instance":"blog.example","nativeId":"x",
                 "text":"hello","createdAt":"2026-11-25T10:15:30Z"}
                """.formatted(id));

        TestBroker.Received dead = awaitDeadLetter(id);
        assertEquals("unsupported schemaVersion 9 in mention " + id,
                dead.properties().getHeaders().get(DeadLetterQueue.REASON).toString());
        assertEquals("sentiment-service.mentions", dead.properties().getHeaders().get(DeadLetterQueue.SOURCE_QUEUE).toString());
        assertNotNull(dead.properties().getHeaders().get(DeadLetterQueue.FAILED_AT));
        assertEquals(2, dead.properties().getDeliveryMode(), "persistent");
    }

    /**
     * The worst start order: sentiment-service runs before response-service declared its queue. The scored
     * mention has nowhere to go, so the broker returns it; the mention is held (not acked, not dead-lettered),
     * readiness says why, and it is published as soon as a queue is bound.
     */
    @Test
    void aScoredMentionNoQueueTakesIsHeldUntilOneIsBoundAndNeverDropped() {
        String id = "forum:forum.example:" + UUID.randomUUID();
        broker.publish(MENTIONS_EXCHANGE, "forum", """
                {"schemaVersion":1,"id":"%s","source":"forum","instance":"forum.example","nativeId":"1",
                 "text":"Acme billing charged me twice this month","createdAt":"2026-11-25T10:15:30Z"}
                """.formatted(id));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> io.restassured.RestAssured.when()
                .get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'outages' }.status", org.hamcrest.Matchers.equalTo("DOWN"))
                .body("checks.find { it.name == 'outages' }.data.'publishing scored mentions'",
                        org.hamcrest.Matchers.containsString("NO_ROUTE")));
        assertEquals(0, broker.messageCount(DLQ), "held, not dead-lettered");

        broker.tap(SCORED_EXCHANGE, FORUM_QUEUE, "forum");
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount(FORUM_QUEUE) == 1);
        TestBroker.Received received = broker.take(FORUM_QUEUE);
        assertTrue(received.body().contains(id));
        assertEquals(id, received.properties().getMessageId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> io.restassured.RestAssured.when()
                .get("/q/health/ready").then().statusCode(200));
        broker.deleteQueue(FORUM_QUEUE);
    }

    @Test
    void anAdminListsTheDeadLetterQueueWithReasonsAndReplaysByIdWhileOthersStay() {
        String first = "rss:blog.example:replay-a-" + UUID.randomUUID();
        String second = "rss:blog.example:replay-b-" + UUID.randomUUID();
        for (String id : List.of(first, second)) {
            broker.publish(MENTIONS_EXCHANGE, "rss", """
                    {"schemaVersion":7,"id":"%s","source":"rss","instance":"blog.example","nativeId":"x",
                     "text":"hello","createdAt":"2026-11-25T10:15:30Z"}
                    """.formatted(id));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.messageCount(DLQ) >= 2);
        String admin = dev.earshot.testing.DevJwt.token("admin");

        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/v1/pipeline/dead-letters?limit=100")
                .then().statusCode(200)
                .body("deadLetterQueue", org.hamcrest.Matchers.equalTo(DLQ))
                .body("queue", org.hamcrest.Matchers.equalTo("sentiment-service.mentions"))
                .body("depth", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("nextCursor", org.hamcrest.Matchers.nullValue())
                .body("items.find { it.messageId == '" + first + "' }.reason",
                        org.hamcrest.Matchers.equalTo("unsupported schemaVersion 7 in mention " + first));
        long depth = broker.messageCount(DLQ);

        io.restassured.RestAssured.given().auth().oauth2(admin).contentType("application/json")
                .body("{\"ids\": [\"" + first + "\"]}")
                .when().post("/api/v1/pipeline/dead-letters/replay")
                .then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(1))
                .body("replayedIds", org.hamcrest.Matchers.contains(first));

        // still version 7: consumed again and dead-lettered again, now with one replay counted
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> io.restassured.RestAssured.given().auth()
                .oauth2(admin).when().get("/api/v1/pipeline/dead-letters?limit=100").then().statusCode(200)
                .body("items.find { it.messageId == '" + first + "' }.replays", org.hamcrest.Matchers.equalTo(1))
                .body("items.find { it.messageId == '" + second + "' }.replays", org.hamcrest.Matchers.equalTo(0)));
        assertEquals(depth, broker.messageCount(DLQ));

        io.restassured.RestAssured.given().auth().oauth2(dev.earshot.testing.DevJwt.token("lead"))
                .when().get("/api/v1/pipeline/dead-letters").then().statusCode(403);
        io.restassured.RestAssured.when().get("/api/v1/pipeline/dead-letters").then().statusCode(401);
        // the limit range and the unknown parameters of every listing; a queue is never paged by cursor
        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/v1/pipeline/dead-letters?limit=1")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        for (String query : List.of("limit=0", "limit=201", "limit=1000", "cursor=x", "limit=1&limit=2")) {
            io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/v1/pipeline/dead-letters?" + query)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/v1/pipeline/dead-letters?before=1")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.equalTo(
                        "unknown query parameter before; known are limit"));
    }

    /**
     * Twenty mentions published at once land in one batch (or two); one of them has an unsupported schema version:
     * it alone is dead-lettered, with its reason, and the other nineteen are scored and published.
     */
    @Test
    void aPoisonMentionInABatchIsDeadLetteredAloneAndTheRestOfTheBatchGoesThrough() throws Exception {
        String run = UUID.randomUUID().toString();
        String poison = "rss:blog.example:poison-" + run;
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i == 7) {
                broker.publish(MENTIONS_EXCHANGE, "rss", mention(poison, 3, "Acme billing charged me twice"));
                continue;
            }
            String id = "rss:blog.example:batch-" + run + "-" + i;
            good.add(id);
            broker.publish(MENTIONS_EXCHANGE, "rss", mention(id, 1, "Acme billing charged me twice, post " + i));
        }

        assertEquals(Set.copyOf(good), awaitAllScored(good), "every good mention of the batch is published");
        List<TestBroker.Received> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            drainDeadLetters(dead);
            return dead.stream().anyMatch(d -> poison.equals(d.properties().getMessageId()));
        });
        List<TestBroker.Received> ofThisBatch = dead.stream().filter(d -> d.body().contains(run)).toList();
        assertEquals(1, ofThisBatch.size(), "nothing else of the batch is dead-lettered");
        assertEquals("unsupported schemaVersion 3 in mention " + poison,
                ofThisBatch.get(0).properties().getHeaders().get(DeadLetterQueue.REASON).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(Channels.MENTIONS_QUEUE) == 0);
    }

    /**
     * The consumer's connection drops (as when the service crashes) while batches are in work: their mentions are
     * delivered and scored, their scored mentions not yet confirmed (no queue takes source "crashtest" yet, so the
     * broker returns them and the batches wait, unacked). Whatever was not acked is delivered again, so once a
     * queue is bound every mention's scored mention arrives at least once, and nothing is dead-lettered. The
     * connection is closed by {@code rabbitmqctl close_connection} on this test's vhost.
     */
    @Test
    // last: run before it, the held-until-bound test once timed out waiting for its one scored mention after the
    // reconnection (not yet understood)
    @Order(Integer.MAX_VALUE)
    void aConnectionLostMidBatchLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "crashtest:blog.example:" + run + "-" + i;
            ids.add(id);
            broker.publish(MENTIONS_EXCHANGE, "crashtest", mention(id, 1, "Acme Cloud is down again, post " + i)
                    .replace("\"source\":\"rss\"", "\"source\":\"crashtest\""));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> io.restassured.RestAssured.when()
                .get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'outages' }.data.'publishing scored mentions'",
                        org.hamcrest.Matchers.containsString("NO_ROUTE")));
        closeConsumerConnections();
        broker.deleteQueue(CRASH_QUEUE);
        broker.tap(SCORED_EXCHANGE, CRASH_QUEUE, "crashtest");

        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            TestBroker.Received received;
            while ((received = broker.take(CRASH_QUEUE)) != null) {
                seen.add(mapper.readTree(received.body()).path("mention").path("id").asText());
            }
            return seen.containsAll(ids);
        });
        List<TestBroker.Received> dead = new ArrayList<>();
        drainDeadLetters(dead);
        assertEquals(List.of(), dead.stream().filter(d -> d.body().contains(run)).toList(), "nothing dead-lettered");
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount(Channels.MENTIONS_QUEUE) == 0);
        // redelivered copies may still be in work: the tap stays bound until nothing is held any more, so no
        // copy is left unacked (and delivered to the next run) when the application stops
        await().atMost(Duration.ofSeconds(60)).until(() -> io.restassured.RestAssured.when().get("/q/health/ready")
                .statusCode() == 200);
        broker.deleteQueue(CRASH_QUEUE);
    }

    private static String mention(String id, int schemaVersion, String text) {
        return """
                {"schemaVersion":%d,"id":"%s","source":"rss","instance":"blog.example","nativeId":"x",
                 "text":"%s","createdAt":"2026-11-25T10:15:30Z"}
                """.formatted(schemaVersion, id, text);
    }

    /** Closes this vhost's consumer connection of the mentions channel, as a crash of the service would. */
    private static void closeConsumerConnections() throws Exception {
        String vhost = System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-sentiment");
        Process list = new ProcessBuilder("rabbitmqctl", "-q", "--no-table-headers", "list_connections", "pid", "vhost",
                "client_properties").redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor(), output);
        int closed = 0;
        for (String line : output.split("\n")) {
            String[] columns = line.split("\t");
            if (columns.length >= 3 && columns[1].equals(vhost)
                    && columns[2].contains("{\"connection_name\",\"" + Channels.MENTIONS + " (Incoming)\"}")) {
                Process close = new ProcessBuilder("rabbitmqctl", "-q", "close_connection", columns[0],
                        "test: the consumer crashes mid-batch").redirectErrorStream(true).start();
                assertEquals(0, close.waitFor(), new String(close.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                closed++;
            }
        }
        assertTrue(closed > 0, "no consumer connection on " + vhost + " in: " + output);
    }

    /** Takes scored mentions off the tap until every id was seen (duplicates allowed); answers the ids seen. */
    private Set<String> awaitAllScored(List<String> ids) {
        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            drainScored(seen);
            return seen.containsAll(ids);
        });
        seen.retainAll(ids);
        return seen;
    }

    private static void drainDeadLetters(List<TestBroker.Received> into) {
        TestBroker.Received received;
        while ((received = broker.take(DLQ)) != null) {
            into.add(received);
        }
    }

    private void drainScored(Set<String> seen) throws Exception {
        TestBroker.Received received;
        while ((received = broker.take(TAP)) != null) {
            seen.add(mapper.readTree(received.body()).path("mention").path("id").asText());
        }
    }

    private TestBroker.Received awaitDeadLetter(String id) {
        AtomicReference<TestBroker.Received> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            TestBroker.Received received;
            while ((received = broker.take(DLQ)) != null) {
                if (id.equals(received.properties().getMessageId())) {
                    found.set(received);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private static byte[] unscorable(String id, String jsonEscapedText) {
        return """
                {"schemaVersion":1,"id":"%s","source":"rss","instance":"blog.example","nativeId":"x",
                 "text":"%s","createdAt":"2026-11-25T10:15:30Z"}
                """.formatted(id, jsonEscapedText).getBytes(StandardCharsets.UTF_8);
    }

    private TestBroker.Received awaitScored(String id) {
        AtomicReference<TestBroker.Received> found = new AtomicReference<>();
        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TestBroker.Received received;
            while ((received = broker.take(TAP)) != null) {
                JsonNode node = mapper.readTree(received.body());
                String mentionId = node.path("mention").path("id").asText();
                seen.add(mentionId);
                if (id.equals(mentionId)) {
                    found.set(received);
                    return true;
                }
            }
            return false;
        });
        assertNotNull(found.get(), "seen instead: " + seen);
        return found.get();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
