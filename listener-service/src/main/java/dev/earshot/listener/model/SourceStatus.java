package dev.earshot.listener.model;

import java.time.Instant;

/** The polling state of one source, as kept in Redis. */
public record SourceStatus(String source, Instant lastPollAt, Instant lastSuccessAt, Instant lastErrorAt,
        String lastError, long publishedLastPoll, long publishedTotal, Instant backingOffUntil) {
}
