package dev.earshot.listener.pipeline;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
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
    static final String CLAIM_SCRIPT = """
            local claimed = {}
            for i, key in ipairs(KEYS) do
              if redis.call('SET', key, '1', 'NX', 'EX', ARGV[1]) then
                claimed[i] = 1
              else
                claimed[i] = 0
              end
            end
            return claimed
            """;

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
        List<String> args = new ArrayList<>(ids.size() + 3);
        args.add(CLAIM_SCRIPT);
        args.add(String.valueOf(ids.size()));
        ids.forEach(id -> args.add(SEEN_PREFIX + id));
        args.add(String.valueOf(Math.max(1, config.seenTtl().toSeconds())));
        return redis.execute("EVAL", args.toArray(String[]::new)).map(response -> newOnes(ids, response));
    }

    /** Releases the claim on an id (its publication failed). */
    public Uni<Void> release(String id) {
        return redis.key().del(SEEN_PREFIX + id).replaceWithVoid();
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
