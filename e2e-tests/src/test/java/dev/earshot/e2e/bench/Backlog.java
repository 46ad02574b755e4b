package dev.earshot.e2e.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.earshot.testing.TestBroker;

/**
 * The two consumer queues' backlogs (ready messages), sampled every 250 ms: where posts wait shows which
 * consumer limits the pipeline.
 */
final class Backlog implements AutoCloseable {

    /** sentiment-service's and response-service's queues (Channels.MENTIONS_QUEUE, ScoredMentionConsumer.QUEUE). */
    private static final List<String> QUEUES = List.of("sentiment-service.mentions", "response-service.scored-mentions");
    private static final List<String> NAMES = List.of("sentiment", "response");

    private final TestBroker broker;
    private final AtomicLongArray latest = new AtomicLongArray(QUEUES.size());
    private final AtomicLongArray peak = new AtomicLongArray(QUEUES.size());
    private final Thread sampler;
    private volatile boolean running = true;

    Backlog(String virtualHost) {
        broker = new TestBroker(virtualHost);
        sampler = new Thread(this::sample, "bench-backlog");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts a new peak. */
    void reset() {
        for (int i = 0; i < QUEUES.size(); i++) {
            peak.set(i, latest.get(i));
        }
    }

    /** The latest sample, e.g. {@code sentiment 12, response 4,030}. */
    String latest() {
        return format(latest);
    }

    /** The largest backlog of each queue since {@link #reset()}. */
    String peak() {
        return format(peak);
    }

    private void sample() {
        while (running) {
            for (int i = 0; i < QUEUES.size(); i++) {
                long messages = broker.messageCount(QUEUES.get(i));
                latest.set(i, messages);
                peak.accumulateAndGet(i, messages, Math::max);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String format(AtomicLongArray counts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < QUEUES.size(); i++) {
            text.append(String.format(Locale.ROOT, "%s%s %,d", i == 0 ? "" : ", ", NAMES.get(i), counts.get(i)));
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
        broker.close();
    }
}
