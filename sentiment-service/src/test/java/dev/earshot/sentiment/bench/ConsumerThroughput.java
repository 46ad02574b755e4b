package dev.earshot.sentiment.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.earshot.sentiment.messaging.Channels;
import dev.earshot.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput of the mention consumer against the real RabbitMQ (the test vhost): puts N mentions of the
 * benchmark corpus on {@code earshot.mentions} and measures how long the service takes until N scored mentions sit
 * confirmed in a queue bound to {@code earshot.scored-mentions}; prints messages per second. A first round of
 * 1/5 of N warms the JIT and is not counted. Not a surefire test by its name: run it with
 * {@code sentiment-service/consumer-throughput.sh [mentions]}.
 */
@QuarkusTest
class ConsumerThroughput {

    static final String SOURCE = "bench";
    static final String TAP = "sentiment-service.bench.scored-tap";
    static final int MENTIONS = Integer.getInteger("earshot.bench.mentions", 5_000);

    static TestBroker broker;

    @BeforeAll
    static void connect() {
        broker = new TestBroker(System.getenv().getOrDefault("EARSHOT_TEST_VHOST", "earshot-test-sentiment"));
        broker.deleteQueue(TAP);
        broker.tap(Channels.SCORED_MENTIONS_EXCHANGE, TAP, SOURCE);
    }

    @AfterAll
    static void disconnect() {
        broker.deleteQueue(TAP);
        broker.close();
    }

    @Test
    void scoredMentionsPerSecond() {
        round("warm-up", Math.max(100, MENTIONS / 5));
        round("measured", MENTIONS);
    }

    private static void round(String name, int count) {
        broker.purge(TAP);
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = SOURCE + ":bench.example:" + run + "-" + i;
            String text = BenchmarkCorpus.POSTS.get(i % BenchmarkCorpus.SIZE).replace("\"", "'") + " #" + i;
            broker.publish("earshot.mentions", SOURCE, """
                    {"schemaVersion":1,"id":"%s","source":"%s","instance":"bench.example","nativeId":"%d",
                     "author":{"id":"%d","handle":"user%d","displayName":"User","followers":%d},
                     "text":"%s","createdAt":"%s","fetchedAt":"%s","matchedRules":["acme"]}
                    """.formatted(id, SOURCE, i, i % 97, i % 97, i * 37 % 50_000, text, Instant.now(), Instant.now()), id);
        }
        double published = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> broker.messageCount(TAP) >= count);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d mentions consumed, scored and published in %.2f s: %.0f messages/s"
                + " (putting the inputs on the queue took %.2f s of it)%n", name, count, seconds, count / seconds,
                published);
    }
}
