package dev.earshot.response.common;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stored answers to requests that carried an Idempotency-Key, per caller and key. */
@ApplicationScoped
public class IdempotencyRepository {

    /**
     * A stored answer. {@code status} is 0 while the first request is still in its transaction. {@code body}
     * is null for an answer without body, or (then {@code resource} is set) one too large to store.
     */
    public record StoredAnswer(String fingerprint, int status, String body, String resource, String etag) {
    }

    /**
     * Takes the key for this request, unless a live (younger than {@code expiredBefore}) request
     * holds it. A concurrent request with the same key waits here for the first one's transaction.
     * Returns true when the key is now ours.
     */
    public Uni<Boolean> take(String caller, String key, String fingerprint, Instant now, Instant expiredBefore) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO idempotency_key (caller, key, fingerprint, status, created_at)
                VALUES (:caller, :key, :fingerprint, 0, :now)
                ON CONFLICT (caller, key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, status = 0, body = NULL, etag = NULL, location = NULL,
                        created_at = EXCLUDED.created_at
                    WHERE idempotency_key.created_at < :expiredBefore
                """)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("fingerprint", fingerprint)
                .setParameter("now", now)
                .setParameter("expiredBefore", expiredBefore)
                .executeUpdate()
                .map(n -> n > 0));
    }

    public Uni<StoredAnswer> find(String caller, String key) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT fingerprint, status, body, location, etag FROM idempotency_key
                WHERE caller = :caller AND key = :key
                """, Object[].class)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getSingleResultOrNull()
                .map(row -> row == null ? null
                        : new StoredAnswer((String) row[0], ((Number) row[1]).intValue(), (String) row[2],
                                (String) row[3], (String) row[4])));
    }

    /**
     * Stores the answer of a key. {@code resource} (kept in the column {@code location}) is the id of the
     * answered resource when {@code body} was too large to store, else null.
     */
    public Uni<Integer> complete(String caller, String key, int status, String body, String resource, String etag) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                UPDATE idempotency_key SET status = :status, body = :body, location = :resource, etag = :etag
                WHERE caller = :caller AND key = :key
                """)
                .setParameter("status", status)
                .setParameter("body", body)
                .setParameter("resource", resource)
                .setParameter("etag", etag)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .executeUpdate());
    }

    /** Deletes the oldest keys of every caller that holds more than {@code max}, leaving the newest {@code max}. */
    public Uni<Integer> deleteBeyond(int max) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                DELETE FROM idempotency_key k USING (
                    SELECT caller, key FROM (
                        SELECT caller, key,
                               row_number() OVER (PARTITION BY caller ORDER BY created_at DESC, key DESC) AS n
                        FROM idempotency_key
                        WHERE caller IN (SELECT caller FROM idempotency_key GROUP BY caller HAVING count(*) > :max)
                    ) ranked WHERE n > :max) old
                WHERE k.caller = old.caller AND k.key = old.key
                """)
                .setParameter("max", max)
                .executeUpdate());
    }

    public Uni<Integer> deleteExpired(Instant expiredBefore) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "DELETE FROM idempotency_key WHERE created_at < :expiredBefore")
                .setParameter("expiredBefore", expiredBefore)
                .executeUpdate());
    }
}
