package dev.earshot.listener.source;

import java.util.List;

import dev.earshot.listener.model.Mention;
import io.smallrye.mutiny.Uni;

/**
 * The common path every post takes after it was read, whether polled, streamed (Jetstream) or pushed
 * (POST /api/v1/ingest): match every rule locally (posts no rule matches are dropped), mark
 * near-duplicates, drop posts already published (atomic, batched in Redis), publish the rest with
 * their matched rule ids, and give back the dedup claim of any post whose publish failed.
 */
public interface MentionIngest {

    /** The outcome of one batch. {@code failed} counts publishes that failed (their claims are released). */
    record Result(int received, int matched, int duplicates, int nearDuplicates, int published, int failed) {
    }

    Uni<Result> ingest(List<Mention> mentions);
}
