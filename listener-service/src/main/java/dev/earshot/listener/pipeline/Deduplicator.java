package dev.earshot.listener.pipeline;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Post-level dedup: one Redis round trip per batch claims every post id with
 * {@code SET earshot:seen:<id> 1 NX EX <ttl>} in a Lua script and answers which ids were new. A claim
 * whose publication failed is released so the next poll retries the post.
 */
@ApplicationScoped
public class Deduplicator {

    public static final String SEEN_PREFIX = "earshot:seen:";

    /** KEYS are the seen keys, ARGV[1] the TTL in seconds; returns 1 for each key that was claimed now. */
    static final LuaScript CLAIM = LuaScript.load("dedup-claim");

    public static final String FINGERPRINT_PREFIX = "earshot:neardup:";

    /**
     * KEYS alternate seen key and fingerprint key per post (the fingerprint key is {@code -} for a post
     * without one); ARGV[1] is the pending-claim TTL, ARGV[2] the fingerprint TTL (seconds), ARGV[3..] the
     * post ids. A new post's seen key is set to {@code p} (pending) until {@link #commit} marks it published
     * ({@code 1}); a pending claim of a process that died expires, so the post is published later instead of
     * being lost. Returns per post 0 (published before), 2 (pending: another publish is in flight), 1 (new)
     * or the id of the first copy when the new post is a near-duplicate.
     */
    static final LuaScript CLAIM_WITH_FINGERPRINT = LuaScript.load("dedup-claim-with-fingerprint");

    /** KEYS are seen keys of published posts, ARGV[1] the seen TTL: marks them published. */
    static final LuaScript COMMIT = LuaScript.load("dedup-commit");

    /** One post to claim: its id, the key that makes it "seen", and its fingerprint (or null). */
    public record Claim(String id, String seenKey, String fingerprint) {
    }

    /**
     * The outcome of one claim: whether the post is new (ours to publish), whether another publish of it is
     * in flight, and, if it is a near-duplicate, the first copy's id.
     */
    public record Claimed(boolean fresh, boolean pending, String nearDuplicateOf) {
    }

    private final ReactiveRedisDataSource redis;
    private final ListenerConfig config;

    public Deduplicator(ReactiveRedisDataSource redis, ListenerConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Claims the ids; the result lists the ids not seen before, in the given order. */
    public Uni<List<String>> claimNew(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = ids.stream().map(id -> SEEN_PREFIX + id).toList();
        return CLAIM.run(redis, keys, List.of(String.valueOf(Math.max(1, config.seenTtl().toSeconds()))))
                .map(response -> newOnes(ids, response));
    }

    /** Releases the claim on an id (its publication failed). */
    public Uni<Void> release(String id) {
        return releaseKey(id);
    }

    /** Releases a claim made with {@link #claim(List, long)} under its seen key (without the prefix). */
    public Uni<Void> releaseKey(String seenKey) {
        return redis.key().del(SEEN_PREFIX + seenKey).replaceWithVoid();
    }

    /** Releases several claims (by seen key, without the prefix) in one round trip. */
    public Uni<Void> releaseKeys(List<String> seenKeys) {
        if (seenKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.key().del(seenKeys.stream().map(key -> SEEN_PREFIX + key).toArray(String[]::new)).replaceWithVoid();
    }

    /**
     * Claims the posts' seen keys and, for the new ones, their fingerprints, in one round trip: answers
     * per post (same order) whether it is new and the id of the first copy when it is a near-duplicate.
     */
    public Uni<List<Claimed>> claim(List<Claim> claims, long fingerprintTtlSeconds) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return claim(redis::execute, claims, config.claimTimeout().toSeconds(), fingerprintTtlSeconds);
    }

    /** Marks published posts (by seen key, without the prefix) as seen for the seen TTL, in one round trip. */
    public Uni<Void> commit(List<String> seenKeys) {
        if (seenKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = seenKeys.stream().map(key -> SEEN_PREFIX + key).toList();
        return COMMIT.run(redis, keys, List.of(String.valueOf(Math.max(1, config.seenTtl().toSeconds()))))
                .replaceWithVoid();
    }

    /** The claim of a batch in one round trip (public for the benchmark, which talks to Redis without Quarkus). */
    public static Uni<List<Claimed>> claim(LuaScript.Sender redis, List<Claim> claims, long pendingTtlSeconds,
            long fingerprintTtlSeconds) {
        List<String> keys = new ArrayList<>(claims.size() * 2);
        for (Claim claim : claims) {
            keys.add(SEEN_PREFIX + claim.seenKey());
            keys.add(claim.fingerprint() == null ? "-" : FINGERPRINT_PREFIX + claim.fingerprint());
        }
        List<String> args = new ArrayList<>(claims.size() + 2);
        args.add(String.valueOf(Math.max(1, pendingTtlSeconds)));
        args.add(String.valueOf(Math.max(1, fingerprintTtlSeconds)));
        claims.forEach(claim -> args.add(claim.id()));
        return CLAIM_WITH_FINGERPRINT.run(redis, keys, args).map(response -> claimed(response, claims.size()));
    }

    /** Reads the script's answer. */
    static List<Claimed> claimed(Response response, int count) {
        List<Claimed> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Response item = response.get(i);
            if (item.type() == io.vertx.redis.client.ResponseType.NUMBER) {
                int code = item.toInteger();
                out.add(new Claimed(code == 1, code == 2, null));
            } else {
                out.add(new Claimed(true, false, item.toString()));
            }
        }
        return out;
    }

    private static List<String> newOnes(List<String> ids, Response response) {
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (response.get(i).toInteger() == 1) {
                fresh.add(ids.get(i));
            }
        }
        return fresh;
    }
}
