package dev.earshot.listener.pipeline;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.source.SourceActivity;
import io.smallrye.mutiny.Uni;

/** Streams (Jetstream) and push ingestion report here; the same state and meters as the poller's. */
@ApplicationScoped
public class SourceActivityRecorder implements SourceActivity {

    private final SourceStateStore state;
    private final ListenerMetrics metrics;

    public SourceActivityRecorder(SourceStateStore state, ListenerMetrics metrics) {
        this.state = state;
        this.metrics = metrics;
    }

    @Override
    public Uni<Void> recordSuccess(String source, String instance, int received, int published, Instant newestPostAt) {
        metrics.fetched(source, instance, received);
        if (newestPostAt != null) {
            metrics.newestPost(source, instance, newestPostAt);
        }
        return state.recordPoll(source, instance, Instant.now(), published, null, newestPostAt)
                .chain(() -> state.resetFailures(source, instance));
    }

    @Override
    public Uni<Void> recordFailure(String source, String instance, String error) {
        metrics.pollFailed(source, instance, "error");
        return state.recordPoll(source, instance, Instant.now(), 0, error, null)
                .chain(() -> state.countFailure(source, instance)).replaceWithVoid();
    }

    @Override
    public Uni<Void> recordBackoff(String source, String instance, Instant until) {
        return state.backOff(source, instance, until, "reported by the source");
    }
}
