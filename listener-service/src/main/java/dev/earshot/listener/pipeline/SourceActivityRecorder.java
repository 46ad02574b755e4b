package dev.earshot.listener.pipeline;

import java.time.Instant;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.source.SourceActivity;
import io.smallrye.mutiny.Uni;

/**
 * Streams (Jetstream) and push ingestion report here; the same state and meters as the poller's. A source
 * and instance that is not a configured feed (a pushed post names its own) keeps its status only within
 * the bounds of {@link SourceTags}, else under {@code other} ({@link SourceStateStore#admit}).
 */
@ApplicationScoped
public class SourceActivityRecorder implements SourceActivity {

    private final SourceStateStore state;
    private final ListenerMetrics metrics;
    private final SourceTags tags;

    public SourceActivityRecorder(SourceStateStore state, ListenerMetrics metrics, SourceTags tags) {
        this.state = state;
        this.metrics = metrics;
        this.tags = tags;
    }

    @Override
    public Uni<Void> recordSuccess(String source, String instance, int received, int published, Instant newestPostAt) {
        metrics.fetched(source, instance, received);
        if (newestPostAt != null) {
            metrics.newestPost(source, instance, newestPostAt);
        }
        return admitted(source, instance, (s, i) -> state.recordPoll(s, i, Instant.now(), published, null, newestPostAt)
                .chain(() -> state.resetFailures(s, i)));
    }

    @Override
    public Uni<Void> recordPushed(String source, String instance, int received, int published, Instant newestPostAt) {
        metrics.fetched(source, instance, received);
        if (newestPostAt != null) {
            metrics.newestPost(source, instance, newestPostAt);
        }
        return admitted(source, instance, (s, i) -> state.recordPush(s, i, Instant.now(), published, newestPostAt));
    }

    @Override
    public Uni<Void> recordFailure(String source, String instance, String error) {
        metrics.pollFailed(source, instance, "error");
        return admitted(source, instance, (s, i) -> state.recordPoll(s, i, Instant.now(), 0, error, null)
                .chain(() -> state.countFailure(s, i)).replaceWithVoid());
    }

    @Override
    public Uni<Void> recordBackoff(String source, String instance, Instant until) {
        return admitted(source, instance, (s, i) -> state.backOff(s, i, until, "reported by the source"));
    }

    private Uni<Void> admitted(String source, String instance, BiFunction<String, String, Uni<Void>> record) {
        if (tags.configured(source, instance)) {
            return record.apply(source, instance);
        }
        return state.admit(source, instance, tags.maxSources(), tags.maxInstancesPerSource())
                .chain(pair -> record.apply(pair[0], pair[1]));
    }
}
