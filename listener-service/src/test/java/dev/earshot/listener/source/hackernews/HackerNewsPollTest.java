package dev.earshot.listener.source.hackernews;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.SourceStateStore;
import dev.earshot.listener.support.AlgoliaSimulator;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class HackerNewsPollTest extends ListenerTestSupport {

    /** The Hacker News entry of GET /api/v1/sources (other sources are listed too). */
    private static final String HN = "items.find { it.source == 'hackernews' }.";

    @Inject
    ObjectMapper objectMapper;

    @Test
    void aManualPollSkipsTheFeedsAnotherReplicaHoldsAndSaysSo() {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))));
        algolia.stubFor(search("graalvm").willReturn(json(resource("hackernews/page-graalvm.json"))));
        redis.value(String.class).set("earshot:lease:feed:hackernews:quarkus", "other-replica");
        redis.value(String.class).set("earshot:lease:feed:hackernews:graalvm", "other-replica");

        pollNow().body("outcome", equalTo("held-elsewhere")).body("heldElsewhere", equalTo(2)).body("feeds", equalTo(0))
                .body("fetched", equalTo(0)).body("replica", notNullValue());
        assertEquals(0, algolia.findAll(getRequestedFor(urlPathEqualTo(SEARCH_PATH))).size(), "nothing was fetched");
        assertEquals("other-replica", redis.value(String.class).get("earshot:lease:feed:hackernews:quarkus"),
                "the other replica's lease is untouched");

        // one feed free again: this replica takes it for the poll, the other stays with its holder
        redis.key().del("earshot:lease:feed:hackernews:graalvm");
        pollNow().body("outcome", equalTo("ok")).body("heldElsewhere", equalTo(1)).body("feeds", equalTo(1))
                .body("published", equalTo(1));
        assertEquals(1, algolia.findAll(getRequestedFor(urlPathEqualTo(SEARCH_PATH))).size());
        assertEquals("hackernews:news.ycombinator.com:41000001", takeMessages(1).get(0).properties().getMessageId(),
                "the post of the feed taken over (graalvm)");
    }

    @Test
    void pollPublishesStoryAndCommentAsMentionV1() throws Exception {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))));
        algolia.stubFor(search("graalvm").willReturn(json(resource("hackernews/page-graalvm.json"))));
        Instant before = Instant.now().minusSeconds(1);

        // the story is found by both rules' searches: published once (with both rule ids), the second copy a duplicate
        pollNow().body("outcome", equalTo("ok")).body("fetched", equalTo(4)).body("published", equalTo(2))
                .body("duplicates", equalTo(1)).body("rejected", equalTo(0));

        List<TestBroker.Received> messages = takeMessages(2);
        messages.sort(Comparator.comparing(TestBroker.Received::body));
        JsonNode story = objectMapper.readTree(messages.get(0).body());
        JsonNode comment = objectMapper.readTree(messages.get(1).body());
        assertEquals("41000001", story.get("nativeId").asText());
        assertEquals("41000123", comment.get("nativeId").asText());
        for (int i = 0; i < 2; i++) {
            TestBroker.Received m = messages.get(i);
            assertEquals(2, m.properties().getDeliveryMode(), "persistent");
            assertEquals("application/json", m.properties().getContentType());
        }
        assertMention("hackernews/expected-story.json", story, before);
        assertMention("hackernews/expected-comment.json", comment, before);
        // 41000200 ("Quarkusio") was fetched but is no whole-word match: not published.
        assertNull(broker.take(TAP_QUEUE));

        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then().statusCode(200)
                .body(HN + "source", equalTo("hackernews")).body(HN + "publishedLastPoll", equalTo(2))
                .body(HN + "publishedTotal", equalTo(2)).body(HN + "lastSuccessAt", notNullValue())
                .body(HN + "lastError", nullValue());
    }

    @Test
    void repeatingThePollPublishesNothingNew() {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))));
        pollNow().body("published", equalTo(2));
        takeMessages(2);

        pollNow().body("outcome", equalTo("ok")).body("fetched", equalTo(3)).body("published", equalTo(0))
                .body("duplicates", equalTo(2));
        assertNull(broker.take(TAP_QUEUE));
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then()
                .body(HN + "publishedLastPoll", equalTo(0)).body(HN + "publishedTotal", equalTo(2));
    }

    @Test
    void cursorIsStoredAndTheNextQueryStartsFromItMinusTheOverlap() {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))));
        long now = Instant.now().getEpochSecond();
        pollNow();

        List<LoggedRequest> first = algolia.findAll(getRequestedFor(urlPathEqualTo(SEARCH_PATH))
                .withQueryParam("query", WireMock.equalTo("quarkus")));
        assertEquals(1, first.size());
        long firstSince = Long.parseLong(first.get(0).queryParameter("numericFilters").firstValue()
                .substring("created_at_i>".length()));
        assertTrue(Math.abs(firstSince - (now - 3600)) < 30, "first poll looks back one hour: " + firstSince);
        assertEquals("(story,comment)", first.get(0).queryParameter("tags").firstValue());
        assertEquals("100", first.get(0).queryParameter("hitsPerPage").firstValue());
        assertEquals("0", first.get(0).queryParameter("page").firstValue());

        // the newest hit of the page, 41000123 at 2026-11-24T10:25:00Z, even the one not matched locally counts
        assertEquals("1795515900", redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
        assertNull(redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "graalvm")),
                "a rule with no hits keeps no cursor");

        algolia.resetRequests();
        pollNow();
        algolia.verify(1, getRequestedFor(urlPathEqualTo(SEARCH_PATH)).withQueryParam("query", WireMock.equalTo("quarkus"))
                .withQueryParam("numericFilters", WireMock.equalTo("created_at_i>" + (1795515900 - 120))));
    }

    @Test
    void aHitDatedAheadOfTheClockDoesNotCarryTheCursorPastPostsStillToCome() {
        long now = Instant.now().getEpochSecond();
        long ahead = now + 20 * 3600;
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-clock-ahead.json")
                .replace("{ahead_iso}", Instant.ofEpochSecond(ahead).toString()).replace("{ahead}", String.valueOf(ahead))
                .replace("{recent_iso}", Instant.ofEpochSecond(now - 600).toString())
                .replace("{recent}", String.valueOf(now - 600)))));

        pollNow().body("published", equalTo(2));

        long cursor = Long.parseLong(redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
        assertTrue(cursor <= Instant.now().getEpochSecond(), "the cursor never runs ahead of the clock: " + cursor);
        algolia.resetRequests();
        pollNow();
        String filter = algolia.findAll(getRequestedFor(urlPathEqualTo(SEARCH_PATH))
                .withQueryParam("query", WireMock.equalTo("quarkus"))).get(0).queryParameter("numericFilters").firstValue();
        assertTrue(Long.parseLong(filter.substring("created_at_i>".length())) < Instant.now().getEpochSecond() - 60,
                "the next poll still asks for what is posted now: " + filter);
    }

    @Test
    void pagesThroughAllPages() {
        algolia.stubFor(search("quarkus").withQueryParam("page", WireMock.equalTo("0"))
                .willReturn(json(resource("hackernews/page-1-of-2.json"))));
        algolia.stubFor(search("quarkus").withQueryParam("page", WireMock.equalTo("1"))
                .willReturn(json(resource("hackernews/page-2-of-2.json"))));

        pollNow().body("fetched", equalTo(2)).body("published", equalTo(2));

        algolia.verify(2, getRequestedFor(urlPathEqualTo(SEARCH_PATH)).withQueryParam("query", WireMock.equalTo("quarkus")));
        List<String> bodies = takeMessages(2).stream().map(TestBroker.Received::body).toList();
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"nativeId\":\"41000301\"")));
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"nativeId\":\"41000300\"")));
        assertEquals("1795518300", redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
    }

    @Test
    void malformedHitsAreDeadLetteredAndTheRestOfThePageIsPublished() {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-malformed-hits.json"))));

        pollNow().body("fetched", equalTo(4)).body("published", equalTo(1)).body("rejected", equalTo(3));

        List<TestBroker.Received> messages = takeMessages(1);
        assertTrue(messages.get(0).body().contains("\"text\":\"This one is fine: Quarkus rocks.\""));
        assertEquals(3L, redis.stream(String.class).xlen(DeadLetterStore.STREAM));

        given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 10).get("/api/v1/dead-letters")
                .then().statusCode(200).body("items", hasSize(3)).body("nextCursor", nullValue())
                .body("items.source", org.hamcrest.Matchers.everyItem(equalTo("hackernews")))
                .body("items.reason", org.hamcrest.Matchers.containsInAnyOrder("missing objectID",
                        "created_at_i out of range: 2100-01-01T00:00:00Z", "created_at_i is not an integer"))
                .body("items[0].raw", containsString("heidi")).body("items[0].at", notNullValue());
        given().auth().oauth2(DevJwt.token("agent")).queryParam("limit", 1).get("/api/v1/dead-letters")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", notNullValue());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("earshot_listener_hits_rejected_total{instance=\"news.ycombinator.com\",source=\"hackernews\"}"));
    }

    @Test
    void tooManyRequestsRecordsTheBackOffAndKeepsTheCursor() {
        algolia.stubFor(search("graalvm").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"message\":\"Too many requests\",\"status\":429}")));
        algolia.stubFor(search("quarkus").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"message\":\"Too many requests\",\"status\":429}")));
        Instant before = Instant.now();

        pollNow().body("outcome", equalTo("failed")).body("published", equalTo(0))
                .body("backingOffUntil", notNullValue());

        algolia.verify(1, getRequestedFor(urlPathEqualTo(SEARCH_PATH)));
        String until = given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then().statusCode(200)
                .body(HN + "lastError", containsString("rate limited")).extract().path(HN + "backingOffUntil");
        Instant backingOffUntil = Instant.parse(until);
        assertTrue(!backingOffUntil.isBefore(before.plusSeconds(119))
                && backingOffUntil.isBefore(Instant.now().plusSeconds(121)), "Retry-After honoured: " + until);
        assertNull(redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));

        pollNow().body("outcome", equalTo("backing-off"));
        algolia.verify(1, getRequestedFor(urlPathEqualTo(SEARCH_PATH)));
    }

    @Test
    void serverErrorIsRecordedAsFailureAndKeepsTheCursor() {
        redis.value(String.class).set(SourceStateStore.cursorKey("hackernews", "quarkus"), "1795515000");
        algolia.stubFor(search("quarkus").willReturn(aResponse().withStatus(500).withBody("oops")));

        pollNow().body("outcome", equalTo("partial")).body("published", equalTo(0))
                .body("error", containsString("HTTP 500"));

        // not retried within the poll: the poller backs the feed off (the same for every connector)
        algolia.verify(1, getRequestedFor(urlPathEqualTo(SEARCH_PATH)).withQueryParam("query", WireMock.equalTo("quarkus"))
                .withQueryParam("numericFilters", WireMock.equalTo("created_at_i>" + (1795515000 - 120))));
        assertEquals("1795515000", redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/sources").then()
                .body(HN + "lastError", containsString("HTTP 500")).body(HN + "lastErrorAt", notNullValue())
                .body(HN + "backingOffUntil", notNullValue()).body(HN + "consecutiveFailures", equalTo(1))
                .body(HN + "circuit", equalTo("closed"));
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_poll_failures_total{instance=\"news.ycombinator.com\",reason=\"http-error\",source=\"hackernews\"}"));
    }

    @Test
    void anAnswerOverTheBodyCapFailsThePollAsAnInvalidPage() {
        algolia.stubFor(search("quarkus").willReturn(json("{\"hits\": [], \"pad\": \"" + "x".repeat(4 << 20) + "\"}")));

        pollNow().body("outcome", equalTo("partial")).body("published", equalTo(0))
                .body("error", containsString("larger than 4194304 bytes"));
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_poll_failures_total{instance=\"news.ycombinator.com\",reason=\"invalid-page\",source=\"hackernews\"}"));
    }

    @Test
    void invalidJsonPageFailsThePollAndPublishesNothing() {
        String valid = resource("hackernews/page-quarkus.json");
        algolia.stubFor(search("quarkus").willReturn(json(valid.substring(0, valid.length() / 2))));

        pollNow().body("outcome", equalTo("partial")).body("published", equalTo(0))
                .body("error", containsString("not valid JSON"));

        assertNull(broker.take(TAP_QUEUE));
        assertNull(redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_poll_failures_total{instance=\"news.ycombinator.com\",reason=\"invalid-page\",source=\"hackernews\"}"));
    }

    @Test
    void mentionsAreRoutedBySource() throws Exception {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-1-of-2.json")
                .replace("\"nbPages\": 2", "\"nbPages\": 1"))));
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(ListenerTestSupport.TEST_VHOST);
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "earshot.mentions", "hackernews");
            pollNow().body("published", equalTo(1));
            com.rabbitmq.client.GetResponse[] got = new com.rabbitmq.client.GetResponse[1];
            await().atMost(Duration.ofSeconds(10)).until(() -> (got[0] = channel.basicGet(queue, true)) != null);
            assertEquals("hackernews", got[0].getEnvelope().getRoutingKey());
            assertEquals("earshot.mentions", got[0].getEnvelope().getExchange());
            assertEquals("hackernews:news.ycombinator.com:41000301", got[0].getProps().getMessageId());
        }
    }

    @Test
    void slowAnswersTimeOutAndKeepTheCursor() {
        algolia.stubFor(search("quarkus").willReturn(json(resource("hackernews/page-quarkus.json"))
                .withFixedDelay(2_500)));

        pollNow().body("outcome", equalTo("partial")).body("published", equalTo(0));

        assertNull(redis.value(String.class).get(SourceStateStore.cursorKey("hackernews", "quarkus")));
        given().get("/q/metrics").then().body(containsString(
                "earshot_listener_poll_failures_total{instance=\"news.ycombinator.com\",reason=\"timeout\",source=\"hackernews\"}"));
    }

    @Test
    void moreHitsThanAlgoliaServesAreAllReadByNarrowingTheTimeWindow() {
        long newest = Instant.now().getEpochSecond() - 60;
        List<AlgoliaSimulator.Hit> hits = new ArrayList<>();
        for (int i = 0; i < 1240; i++) {
            hits.add(new AlgoliaSimulator.Hit(50_000_000L + i, newest - i * 2L, "quarkus comment number " + i));
        }
        AlgoliaSimulator.index(hits);
        algolia.stubFor(search("quarkus").willReturn(aResponse().withTransformers(AlgoliaSimulator.NAME)));
        String cursorKey = SourceStateStore.cursorKey("hackernews", "quarkus");

        // 5 pages per poll in tests: the first poll stops inside the first window and stores where it is
        pollNow().body("outcome", equalTo("ok")).body("published", equalTo(500));
        String pending = redis.value(String.class).get(cursorKey);
        assertTrue(pending.matches("\\d+:\\d+:" + newest), "a window still being read: " + pending);
        int polls = 1;
        while (redis.value(String.class).get(cursorKey).contains(":") && polls < 10) {
            pollNow().body("outcome", equalTo("ok"));
            polls++;
        }
        assertEquals(String.valueOf(newest), redis.value(String.class).get(cursorKey));
        assertEquals(3, polls);
        algolia.verify(getRequestedFor(urlPathEqualTo(SEARCH_PATH)).withQueryParam("numericFilters",
                WireMock.matching("created_at_i>\\d+,created_at_i<=\\d+")));

        java.util.Set<String> ids = new java.util.HashSet<>();
        takeMessages(1240).forEach(m -> assertTrue(ids.add(m.properties().getMessageId()), "once: " + m.properties()
                .getMessageId()));
        assertEquals(1240, ids.size());
        assertNull(broker.take(TAP_QUEUE));
    }

    private void assertMention(String expectedResource, JsonNode actual, Instant notBefore) throws Exception {
        Instant fetchedAt = Instant.parse(actual.get("fetchedAt").asText());
        assertTrue(!fetchedAt.isBefore(notBefore) && !fetchedAt.isAfter(Instant.now()), "fetchedAt is now");
        ObjectNode expected = (ObjectNode) objectMapper.readTree(resource(expectedResource));
        expected.put("fetchedAt", actual.get("fetchedAt").asText());
        assertEquals(expected, actual);
    }

    private static List<TestBroker.Received> takeMessages(int count) {
        List<TestBroker.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            while (received.size() < count) {
                TestBroker.Received m = broker.take(TAP_QUEUE);
                if (m == null) {
                    break;
                }
                received.add(m);
            }
            return received.size() >= count;
        });
        return received;
    }
}
