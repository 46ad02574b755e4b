package dev.earshot.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.BuiltinExchangeType;

import dev.earshot.testing.TcpProxy;
import dev.earshot.testing.TestBroker;

/** Against the real RabbitMQ (vhost earshot-test-messaging), and through a proxy that plays an outage. */
class ConfirmedPublisherTest {

    static final String VHOST = System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-messaging");

    private final String exchange = "test.exchange." + UUID.randomUUID();
    private final String queue = "test.queue." + UUID.randomUUID();
    private final String dlq = queue + ".dlq";
    private TestBroker broker;
    private BrokerConnection connection;
    private ConfirmedPublisher publisher;

    @BeforeEach
    void connect() {
        broker = new TestBroker(VHOST);
        connection = new BrokerConnection(BrokerSettings.of("127.0.0.1", 5672, "guest", "guest", VHOST), "test");
        publisher = new ConfirmedPublisher(connection, Duration.ofSeconds(5), Map.of(exchange, BuiltinExchangeType.TOPIC));
    }

    @AfterEach
    void close() {
        broker.deleteQueue(queue);
        broker.deleteQueue(dlq);
        connection.close();
        broker.close();
    }

    private static OutgoingMessage message(String exchange, String routingKey, String id) {
        return OutgoingMessage.json(exchange, routingKey, id, "test.v1",
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMessageNoQueueTakesIsReportedFailedNotDropped() {
        List<PublishOutcome> outcomes = publisher.publish(List.of(message(exchange, "hackernews", "a"),
                message(exchange, "mastodon", "b")));

        assertEquals(2, outcomes.size());
        outcomes.forEach(outcome -> {
            assertFalse(outcome.published());
            assertTrue(outcome.failure().contains("NO_ROUTE"), outcome.failure());
        });
        assertThrows(PublishFailedException.class, () -> publisher.publishOrThrow(List.of(message(exchange, "x", "c"))));
    }

    @Test
    void onlyTheUnroutableMessagesOfABatchFail() {
        broker.tap(exchange, queue, "hackernews");
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(message(exchange, i % 10 == 0 ? "reddit" : "hackernews", "m" + i));
        }

        List<PublishOutcome> outcomes = publisher.publish(batch);

        for (int i = 0; i < 50; i++) {
            assertEquals(i % 10 != 0, outcomes.get(i).published(), "message " + i + ": " + outcomes.get(i).failure());
        }
        assertEquals(45, broker.messageCount(queue));
        TestBroker.Received first = broker.take(queue);
        assertEquals(2, first.properties().getDeliveryMode());
        assertEquals("m1", first.properties().getMessageId());
        assertEquals("test.v1", first.properties().getType());
        assertEquals("application/json", first.properties().getContentType());
    }

    @Test
    void anUnreachableBrokerFailsFastAndTheNextPublishReconnects() {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", 5672);
                BrokerConnection viaProxy = new BrokerConnection(
                        BrokerSettings.of("127.0.0.1", proxy.port(), "guest", "guest", VHOST), "test-proxy")) {
            broker.tap(exchange, queue, "#");
            ConfirmedPublisher proxied = new ConfirmedPublisher(viaProxy, Duration.ofSeconds(5),
                    Map.of(exchange, BuiltinExchangeType.TOPIC));
            assertTrue(proxied.publish(List.of(message(exchange, "k", "before"))).get(0).published());

            proxy.cut();
            Instant start = Instant.now();
            PublishOutcome during = proxied.publish(List.of(message(exchange, "k", "during"))).get(0);
            assertFalse(during.published());
            assertTrue(Duration.between(start, Instant.now()).toMillis() < 3_000, "failed fast");
            assertFalse(proxied.brokerReachable());

            proxy.restore();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> proxied.publish(List.of(message(exchange, "k", "after"))).get(0).published());
            assertEquals(2, broker.messageCount(queue));
        }
    }

    @Test
    void deadLettersCarryTheirReasonAndCanBeReplayedByIdOrAll() throws Exception {
        broker.tap(exchange, queue, "#");
        broker.declareQueue(dlq);
        DeadLetterQueue dead = new DeadLetterQueue(connection, publisher, queue, dlq);
        for (String id : List.of("d1", "d2", "d3")) {
            publisher.publishOrThrow(List.of(dead.deadLetter(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                    id, "test.v1", null, Map.of("kept", "yes"), "unsupported schemaVersion 9 in " + id, Instant.now())));
        }

        DeadLetterQueue.Listing listing = dead.list(2);
        assertEquals(3, listing.depth());
        assertEquals(2, listing.entries().size());
        assertEquals("d1", listing.entries().get(0).messageId());
        assertEquals("unsupported schemaVersion 9 in d1", listing.entries().get(0).reason());
        assertNotNull(listing.entries().get(0).failedAt());
        assertEquals(3, dead.depthNow(), "listing leaves the messages where they are");

        DeadLetterQueue.Replay one = dead.replay(Set.of("d2"), 100);
        assertEquals(List.of("d2"), one.replayedIds());
        assertEquals(2, one.left());
        TestBroker.Received back = broker.take(queue);
        assertEquals("d2", back.properties().getMessageId());
        assertEquals(1, ((Number) back.properties().getHeaders().get(DeadLetterQueue.REPLAYS)).intValue());
        assertEquals("yes", back.properties().getHeaders().get("kept").toString());
        assertNull(back.properties().getHeaders().get(DeadLetterQueue.REASON));

        DeadLetterQueue.Replay rest = dead.replay(Set.of(), 100);
        assertEquals(2, rest.replayed());
        assertEquals(0, rest.left());
        assertEquals(2, broker.messageCount(queue));
    }
}
