package dev.earshot.listener.model;

import java.time.Instant;
import java.util.List;

/**
 * The state of one source on one instance, as kept in Redis and shown by {@code GET /api/v1/sources}.
 *
 * @param instance the host read, or null for a source that has not been read yet
 * @param enabled whether the source is switched on
 * @param itemsPerMinute mentions published per minute over the last 15 minutes
 * @param newestPostAt the creation time of the newest post read
 * @param lagSeconds now minus {@code newestPostAt}
 * @param backingOffUntil until when the instance is left alone (rate limit, errors, open circuit), or null
 * @param circuit {@code closed}, {@code open} or {@code half-open}
 * @param consecutiveFailures failed polls since the last success
 * @param feeds the scheduled feeds of this source and instance, each with the replica that holds its lease
 * @param pushed posts pushed through {@code POST /api/v1/ingest} under this source and instance, or null when none
 *        were; the other fields describe only what the listener read itself (polls, the Jetstream stream)
 */
public record SourceStatus(String source, String instance, boolean enabled, Instant lastPollAt,
        Instant lastSuccessAt, Instant lastErrorAt, String lastError, long publishedLastPoll, long publishedTotal,
        double itemsPerMinute, Instant newestPostAt, Long lagSeconds, Instant backingOffUntil, String backoffReason,
        String circuit, long consecutiveFailures, List<FeedOwner> feeds, Pushed pushed) {

    /**
     * Pushed posts of a source instance.
     *
     * @param lastAt when a post was last pushed
     * @param publishedTotal pushed posts published
     * @param newestPostAt the creation time of the newest pushed post
     */
    public record Pushed(Instant lastAt, long publishedTotal, Instant newestPostAt) {
    }

    public SourceStatus {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }

    /** A source (or one of its instances) that has not been read yet. */
    public static SourceStatus unread(String source, String instance, boolean enabled) {
        return new SourceStatus(source, instance, enabled, null, null, null, null, 0, 0, 0, null, null, null, null,
                "closed", 0, List.of(), null);
    }

    /** The same status with the given feed owners. */
    public SourceStatus withFeeds(List<FeedOwner> owners) {
        return new SourceStatus(source, instance, enabled, lastPollAt, lastSuccessAt, lastErrorAt, lastError,
                publishedLastPoll, publishedTotal, itemsPerMinute, newestPostAt, lagSeconds, backingOffUntil,
                backoffReason, circuit, consecutiveFailures, owners, pushed);
    }
}
