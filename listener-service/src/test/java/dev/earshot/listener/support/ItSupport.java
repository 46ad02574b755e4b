package dev.earshot.listener.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    public static void waitUntil(Duration timeout, Condition condition, String what, ListenerProcess process)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.met()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what + "\n" + process.logTail());
            }
            Thread.sleep(100);
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
