package dev.earshot.listener.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The listener's counters, tagged by source. */
@ApplicationScoped
public class ListenerMetrics {

    private final MeterRegistry registry;

    public ListenerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void fetched(String source, int count) {
        counter("earshot.listener.hits.fetched", source).increment(count);
    }

    public void published(String source) {
        counter("earshot.listener.mentions.published", source).increment();
    }

    public void duplicates(String source, int count) {
        counter("earshot.listener.mentions.duplicates", source).increment(count);
    }

    public void rejected(String source) {
        counter("earshot.listener.hits.rejected", source).increment();
    }

    public void pollFailed(String source, String reason) {
        Counter.builder("earshot.listener.poll.failures").tag("source", source).tag("reason", reason)
                .register(registry).increment();
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }
}
