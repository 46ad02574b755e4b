package dev.earshot.listener.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import dev.earshot.testing.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

/** What the tests of packaged listeners ({@code *IT}) share: waiting, counting on the broker, a clean Redis db. */
public final class ItSupport {

    private ItSupport() {
    }

    /** A condition that may throw (HTTP calls, broker reads). */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws Exception;
    }

    /** Checks every 100 ms until the condition holds; fails with the process's log tail after the timeout. */
    public static void waitUntil(Duration timeout, Condition condition, String what, ListenerProcess process) {
        try {
            await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(condition::met);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + "\n" + process.logTail(), e);
        }
    }

    /**
     * Drains the queue for {@code window} and fails as soon as a post arrives twice: later polls re-read
     * overlaps and pages, and none of them may publish anything again.
     */
    public static void assertNothingTwiceDuring(Duration window, TestBroker broker, String queue,
            Map<String, Integer> received) {
        try {
            await("nothing published twice").during(window).atMost(window.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        drain(broker, queue, received);
                        return received.values().stream().allMatch(count -> count == 1);
                    });
        } catch (ConditionTimeoutException e) {
            Map<String, Integer> twice = new java.util.TreeMap<>(received);
            twice.values().removeIf(count -> count == 1);
            throw new AssertionError("published more than once: " + twice, e);
        }
    }

    /** Takes every message waiting in the queue, counting them by message id. */
    public static void drain(TestBroker broker, String queue, Map<String, Integer> received) {
        for (TestBroker.Received message = broker.take(queue); message != null; message = broker.take(queue)) {
            received.merge(message.properties().getMessageId(), 1, Integer::sum);
        }
    }

    /** Deletes the {@code earshot:*} keys of a Redis db. */
    public static void flushRedis(String db) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, "redis://127.0.0.1:6379/" + db));
            var keys = redis.keys("earshot:*").toCompletionStage().toCompletableFuture().get();
            List<String> names = new ArrayList<>();
            keys.forEach(key -> names.add(key.toString()));
            if (!names.isEmpty()) {
                redis.del(names).toCompletionStage().toCompletableFuture().get();
            }
            redis.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
