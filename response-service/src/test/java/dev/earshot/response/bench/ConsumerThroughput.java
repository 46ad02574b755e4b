package dev.earshot.response.bench;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.earshot.response.task.ScoredMentionConsumer;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.TestBroker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput of the scored-mention consumer against the real RabbitMQ and PostgreSQL (the test vhost and database):
 * puts N scored mentions (conversations of three) on {@code earshot.scored-mentions} and measures how long the
 * service takes until all N are stored; prints posts per second and the JVM's CPU per post (the publisher's own CPU,
 * on the test thread, taken out). A first round of 1/5 of N warms the JIT and is not counted; the rounds' tasks are
 * deleted afterwards. Not a surefire test by its name: run it with
 * {@code response-service/bench/consumer-throughput.sh [posts]}.
 */
@QuarkusTest
class ConsumerThroughput {

    static final int POSTS = Integer.getInteger("earshot.bench.posts", 15_000);

    @Inject
    AgroalDataSource dataSource;

    private final String run = "bench:throughput:" + Long.toString(System.nanoTime(), 36) + ":";

    @AfterEach
    void deleteTheRounds() throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.prepareStatement(
                "DELETE FROM task WHERE conversation_id LIKE ?")) {
            s.setString(1, run + "%");
            s.executeUpdate();
        }
    }

    @Test
    void storedPostsPerSecond() throws Exception {
        try (TestBroker broker = new TestBroker(TestData.VHOST)) {
            round(broker, "warm-up", Math.max(300, POSTS / 5));
            round(broker, "measured", POSTS);
        }
    }

    private void round(TestBroker broker, String name, int count) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        String prefix = run + name + ":";
        long cpuStart = os.getProcessCpuTime();
        long publisherStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String conversation = prefix + i / 3;
            int post = i % 3;
            broker.publish(ScoredMentionConsumer.EXCHANGE, "bench", TestData.scored(prefix + i + ":" + post,
                    conversation, 0.3 + post * 0.2, post == 1 ? -0.7 : 0.2, 100L * i));
        }
        long publisherCpu = threads.getCurrentThreadCpuTime() - publisherStart;
        double published = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> stored(prefix) >= count);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = os.getProcessCpuTime() - cpuStart - publisherCpu;
        System.out.printf(Locale.ROOT, "%s: %d scored mentions consumed and stored in %.2f s: %.0f posts/s, JVM CPU"
                + " %.0f µs per post without the publisher's %.0f µs (putting them on the queue took %.2f s of it),"
                + " load average %.2f%n", name, count, seconds, count / seconds, cpu / 1e3 / count,
                publisherCpu / 1e3 / count, published, os.getSystemLoadAverage());
    }

    private long stored(String prefix) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.prepareStatement(
                "SELECT count(*) FROM mention WHERE conversation_id LIKE ?")) {
            s.setString(1, prefix + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
