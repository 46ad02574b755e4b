package dev.earshot.listener.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The listener's meters, tagged by source and instance: posts fetched, published, duplicates,
 * near-duplicates, unmatched, rejected (dead-lettered), poll failures by reason, and the lag gauge
 * (seconds between now and the newest post read). The tags are bounded by {@link SourceTags}: pairs
 * beyond its limits are counted under {@code other}.
 */
@ApplicationScoped
public class ListenerMetrics {

    private final MeterRegistry registry;
    private final SourceTags tags;
    private final Map<SourceTags.Tags, AtomicLong> newestPostEpochSecond = new ConcurrentHashMap<>();

    public ListenerMetrics(MeterRegistry registry, SourceTags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    public void fetched(String source, String instance, int count) {
        counter("earshot.listener.hits.fetched", source, instance).increment(count);
    }

    public void published(String source, String instance, int count) {
        counter("earshot.listener.mentions.published", source, instance).increment(count);
    }

    public void duplicates(String source, String instance, int count) {
        counter("earshot.listener.mentions.duplicates", source, instance).increment(count);
    }

    public void nearDuplicates(String source, String instance, int count) {
        counter("earshot.listener.mentions.near.duplicates", source, instance).increment(count);
    }

    public void unmatched(String source, String instance, int count) {
        counter("earshot.listener.hits.unmatched", source, instance).increment(count);
    }

    public void rejected(String source, String instance) {
        counter("earshot.listener.hits.rejected", source, instance).increment();
    }

    public void pollFailed(String source, String instance, String reason) {
        SourceTags.Tags t = tags.forMeters(source, instance);
        Counter.builder("earshot.listener.poll.failures").tag("source", t.source()).tag("instance", t.instance())
                .tag("reason", reason).register(registry).increment();
    }

    /** Moves the lag gauge's reference to {@code newest} when it is newer than what was seen. */
    public void newestPost(String source, String instance, Instant newest) {
        AtomicLong holder = newestPostEpochSecond.computeIfAbsent(tags.forMeters(source, instance), t -> {
            AtomicLong created = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("earshot.listener.lag.seconds", created,
                    value -> value.get() == Long.MIN_VALUE ? Double.NaN
                            : Math.max(0, Instant.now().getEpochSecond() - value.get()))
                    .tag("source", t.source()).tag("instance", t.instance()).register(registry);
            return created;
        });
        holder.accumulateAndGet(newest.getEpochSecond(), Math::max);
    }

    private Counter counter(String name, String source, String instance) {
        SourceTags.Tags t = tags.forMeters(source, instance);
        return Counter.builder(name).tag("source", t.source()).tag("instance", t.instance()).register(registry);
    }
}
