package dev.earshot.listener.source;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/**
 * Where sources that are not polled by the generic poller (streams such as Bluesky Jetstream) report
 * what they do, so {@code GET /api/v1/sources} and the metrics show them like any polled source.
 */
public interface SourceActivity {

    /** A batch was read and ingested; {@code newestPostAt} (may be null) gives the lag. */
    Uni<Void> recordSuccess(String source, String instance, int received, int published, Instant newestPostAt);

    /**
     * Posts pushed through {@code POST /api/v1/ingest}: kept apart from the poll status (last poll, last success,
     * failures, lag), so a pushed post under a polled source's name never makes a failing poller look healthy.
     */
    Uni<Void> recordPushed(String source, String instance, int received, int published, Instant newestPostAt);

    Uni<Void> recordFailure(String source, String instance, String error);

    /** The source waits until {@code until} before reading again (rate limit, reconnect back-off). */
    Uni<Void> recordBackoff(String source, String instance, Instant until);
}
