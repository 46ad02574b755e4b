package dev.earshot.listener.source.bluesky;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.lease.FeedLeases;
import dev.earshot.listener.source.CursorStore;
import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
@WithTestResource(JetstreamServer.class)
class JetstreamConsumerTest extends ListenerTestSupport {

    static final long NEWEST_POST_TIME_US = 1764065730700007L;

    @Inject
    JetstreamConsumer consumer;

    @Inject
    CursorStore cursors;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    FeedLeases leases;

    @Test
    void streamedPostsAreMatchedPublishedAndResumedAfterAReconnectWithoutRepeats() throws Exception {
        String control = ConfigProvider.getConfig().getValue("earshot.test.jetstream-control", String.class);
        await().atMost(Duration.ofSeconds(20)).until(consumer::connected);
        List<String> earlier = connections(control); // the server keeps every connection of the test run
        assertTrue(earlier.get(earlier.size() - 1).startsWith("/subscribe?wantedCollections=app.bsky.feed.post"));

        given().body(resource("bluesky/jetstream-events.jsonl")).post(control + "/play").then().statusCode(200);

        List<JsonNode> mentions = takeMentions(2);
        mentions.sort(Comparator.comparing(m -> m.get("createdAt").asText()));
        JsonNode root = mentions.get(0);
        assertEquals("bluesky:bsky.app:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbz4wgxq2c2k",
                root.get("id").asText(), "the same id as the search finds");
        assertEquals("https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3lbz4wgxq2c2k",
                root.get("permalink").asText());
        assertEquals("acme cloud is down again", root.get("text").asText());
        assertEquals("[\"acme\"]", root.get("matchedRules").toString());
        JsonNode reply = mentions.get(1);
        assertEquals(root.get("id").asText(), reply.get("conversationId").asText());
        assertEquals("de", reply.get("languageHint").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> String.valueOf(NEWEST_POST_TIME_US)
                .equals(cursors.cursor(consumer.cursorKey()).await().indefinitely()));
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/dead-letters?limit=50").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("bluesky-jetstream"));

        // the stream drops: the consumer comes back five seconds before its cursor, and the replay is no news
        given().post(control + "/close").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> connections(control).size() > earlier.size() && consumer.connected());
        assertEquals("/subscribe?wantedCollections=app.bsky.feed.post&cursor=" + (NEWEST_POST_TIME_US - 5_000_000),
                connections(control).get(earlier.size()));
        String replayAndOneNewPost = resource("bluesky/jetstream-events.jsonl")
                + "{\"did\":\"did:plc:ewvi7nxzyoun6zhxrhs64oiz\",\"time_us\":1764065731000000,\"kind\":\"commit\",\"commit\":"
                + "{\"rev\":\"3lbz4y9aa2c2k\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3lbz4y9aa2c2k\","
                + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-11-25T10:15:31.000Z\",\"text\":\"acme is back\"},"
                + "\"cid\":\"bafyreidddd\"}}\n";
        given().body(replayAndOneNewPost).post(control + "/play").then().statusCode(200);

        List<JsonNode> afterReplay = takeMentions(1);
        assertEquals("acme is back", afterReplay.get(0).get("text").asText(), "the replayed posts were not published again");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> broker.messageCount(TAP_QUEUE) == 0);
        assertNull(broker.take(TAP_QUEUE));
    }

    @Test
    void onlyTheReplicaHoldingTheStreamsLeaseStaysConnected() throws Exception {
        String control = ConfigProvider.getConfig().getValue("earshot.test.jetstream-control", String.class);
        await().atMost(Duration.ofSeconds(20)).until(consumer::connected);
        int connectionsBefore = connections(control).size();
        String lease = "earshot:lease:feed:" + consumer.cursorKey();

        // another replica holds the stream now (this one's lease lapsed and was taken): this one lets go
        redis.value(String.class).set(lease, "listener-elsewhere", new SetArgs().px(Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.connected());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> !consumer.connected() && connections(control).size() == connectionsBefore);
        assertEquals("listener-elsewhere", redis.value(String.class).get(lease), "the other replica's lease was left alone");

        // the other replica stops and releases the stream: this one takes it over and connects again
        redis.key().del(lease);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> consumer.connected() && connections(control).size() == connectionsBefore + 1);
        assertEquals(leases.replicaId(), redis.value(String.class).get(lease));
    }

    private List<String> connections(String control) throws Exception {
        String body = given().get(control + "/connections").then().statusCode(200).extract().asString();
        List<String> uris = new ArrayList<>();
        objectMapper.readTree(body).forEach(uri -> uris.add(uri.asText()));
        return uris;
    }

    private List<JsonNode> takeMentions(int count) {
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            while (received.size() < count) {
                TestBroker.Received m = broker.take(TAP_QUEUE);
                if (m == null) {
                    break;
                }
                received.add(objectMapper.readTree(m.body()));
            }
            return received.size() >= count;
        });
        return received;
    }
}
