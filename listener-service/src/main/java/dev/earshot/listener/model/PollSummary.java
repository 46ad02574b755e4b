package dev.earshot.listener.model;

import java.time.Instant;

/**
 * What one poll of a source did (all its feeds).
 *
 * @param source the source polled
 * @param outcome {@code ok}, {@code partial} (some feed failed), {@code failed} (none succeeded, or a publish
 *        failed) or {@code backing-off} (every instance was backing off: nothing fetched) or
 *        {@code disabled} (the source is switched off) or {@code held-elsewhere} (other replicas hold every
 *        feed of the source and poll it: nothing was fetched here)
 * @param fetched posts read from the platform (including rejected ones)
 * @param published mentions published (and confirmed by the broker)
 * @param duplicates posts dropped because they had been published before
 * @param rejected unreadable posts sent to the dead-letter stream
 * @param backingOffUntil the latest back-off of an instance of the source, if any
 * @param error the last error of this poll, if any
 * @param nearDuplicates published mentions marked as near-duplicates of an earlier post
 * @param unmatched posts no rule matched (dropped)
 * @param feeds feeds polled
 * @param heldElsewhere feeds not polled because another replica holds their lease
 * @param replica the replica that answered
 */
public record PollSummary(String source, String outcome, int fetched, int published, int duplicates, int rejected,
        Instant backingOffUntil, String error, int nearDuplicates, int unmatched, int feeds, int heldElsewhere,
        String replica) {
}
