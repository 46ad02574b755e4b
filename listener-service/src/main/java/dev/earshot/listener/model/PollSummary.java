package dev.earshot.listener.model;

import java.time.Instant;

/**
 * What one poll of a source did.
 *
 * @param source the source polled
 * @param outcome {@code ok}, {@code partial} (some rule failed), {@code failed} or {@code backing-off}
 * @param fetched hits received from the platform
 * @param published mentions published (and confirmed by the broker)
 * @param duplicates posts dropped because they had been seen before
 * @param rejected malformed hits sent to the dead-letter stream
 * @param backingOffUntil when the platform asked us to come back, if it did
 * @param error the last error of this poll, if any
 */
public record PollSummary(String source, String outcome, int fetched, int published, int duplicates, int rejected,
        Instant backingOffUntil, String error) {
}
