package dev.earshot.listener.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.model.SourceStatus;
import dev.earshot.listener.source.CursorStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import dev.earshot.listener.redis.LuaScript;

/**
 * Source state kept in Redis so that a restart (or another replica) loses nothing:
 * <ul>
 * <li>{@code earshot:cursor:<feedKey>}: each feed's cursor (for Hacker News {@code hackernews:<ruleId>});</li>
 * <li>{@code earshot:backoff:<source>:<instance>}: until when the instance is left alone, expiring by itself;</li>
 * <li>{@code earshot:failures:<source>:<instance>}: consecutive failures (the circuit opens at the threshold);</li>
 * <li>{@code earshot:status:<source>:<instance>}: what {@code GET /api/v1/sources} shows, indexed in the set
 * {@code earshot:status:index};</li>
 * <li>{@code earshot:rate:<source>:<instance>:<epochMinute>}: published per minute, kept 20 minutes;</li>
 * <li>{@code earshot:status:admitted} and {@code earshot:status:admitted:<source>}: the sources, and per source the
 * instances, that are not configured feeds (pushed posts) and have their own status (see {@link #admit}).</li>
 * </ul>
 */
@ApplicationScoped
public class SourceStateStore implements CursorStore {

    static final String INDEX = "earshot:status:index";
    static final String ADMITTED = "earshot:status:admitted";
    static final int RATE_MINUTES = 15;

    /**
     * KEYS: the admitted sources, the source's admitted instances; ARGV: source, instance, most sources, most
     * instances. Answers 2 (own status), 1 (instance "other" of the source) or 0 (source and instance "other").
     */
    private static final LuaScript ADMIT = LuaScript.load("source-admit");

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final ReactiveRedisDataSource redis;

    public SourceStateStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.hashes = redis.hash(String.class);
        this.sets = redis.set(String.class);
        this.keys = redis.key(String.class);
    }

    /** The Redis key of the cursor of a source's feed {@code <source>:<name>} (Hacker News: name = rule id). */
    public static String cursorKey(String source, String name) {
        return cursorKey(source + ":" + name);
    }

    public static String cursorKey(String feedKey) {
        return "earshot:cursor:" + feedKey;
    }

    static String backoffKey(String source, String instance) {
        return "earshot:backoff:" + source + ":" + instance;
    }

    static String failuresKey(String source, String instance) {
        return "earshot:failures:" + source + ":" + instance;
    }

    static String statusKey(String source, String instance) {
        return "earshot:status:" + source + ":" + instance;
    }

    static String rateKey(String source, String instance, long epochMinute) {
        return "earshot:rate:" + source + ":" + instance + ":" + epochMinute;
    }

    /**
     * Under which source and instance a pair that is not a configured feed keeps its status: its own while
     * the source is among the first {@code maxSources} and the instance among the source's first
     * {@code maxInstances} admitted (across replicas and restarts, atomically), else
     * {@link SourceTags#OTHER}. Answers {source, instance}.
     */
    public Uni<String[]> admit(String source, String instance, int maxSources, int maxInstances) {
        return ADMIT.run(redis, List.of(ADMITTED, ADMITTED + ":" + source),
                List.of(source, instance, String.valueOf(maxSources), String.valueOf(maxInstances)))
                .map(answer -> switch (answer.toInteger()) {
                    case 2 -> new String[] { source, instance };
                    case 1 -> new String[] { source, SourceTags.OTHER };
                    default -> new String[] { SourceTags.OTHER, SourceTags.OTHER };
                });
    }

    @Override
    public Uni<String> cursor(String feedKey) {
        return values.get(cursorKey(feedKey));
    }

    @Override
    public Uni<Void> setCursor(String feedKey, String cursor) {
        return values.set(cursorKey(feedKey), cursor);
    }

    /** Until when the instance is left alone, or null. */
    public Uni<Instant> backoffUntil(String source, String instance) {
        return values.get(backoffKey(source, instance))
                .map(v -> v == null ? null : Instant.ofEpochMilli(Long.parseLong(v)));
    }

    /** Leaves the instance alone until {@code until} (never shortens a longer back-off already set). */
    public Uni<Void> backOff(String source, String instance, Instant until, String reason) {
        return backoffUntil(source, instance).chain(current -> {
            if (current != null && current.isAfter(until)) {
                return Uni.createFrom().voidItem();
            }
            long millis = Math.max(1, Duration.between(Instant.now(), until).toMillis());
            return values.set(backoffKey(source, instance), String.valueOf(until.toEpochMilli()),
                    new SetArgs().px(millis))
                    .chain(() -> touch(source, instance, Map.of("backoffReason", reason)));
        });
    }

    /** Counts a failed poll and answers the number of consecutive failures. */
    public Uni<Long> countFailure(String source, String instance) {
        return values.incr(failuresKey(source, instance));
    }

    public Uni<Long> consecutiveFailures(String source, String instance) {
        return values.get(failuresKey(source, instance)).map(v -> v == null ? 0L : Long.parseLong(v));
    }

    /** A successful poll closes the circuit and ends any error back-off. */
    public Uni<Void> resetFailures(String source, String instance) {
        return keys.del(failuresKey(source, instance)).replaceWithVoid();
    }

    public Uni<Void> clearBackoff(String source, String instance) {
        return keys.del(backoffKey(source, instance)).replaceWithVoid();
    }

    /** Records the end of a poll of one instance: its time, the published count and, when it failed, the error. */
    public Uni<Void> recordPoll(String source, String instance, Instant at, int published, String error,
            Instant newestPostAt) {
        Map<String, String> fields = new HashMap<>();
        fields.put("lastPollAt", at.toString());
        fields.put("publishedLastPoll", String.valueOf(published));
        if (error == null) {
            fields.put("lastSuccessAt", at.toString());
        } else {
            fields.put("lastErrorAt", at.toString());
            fields.put("lastError", error.length() > 500 ? error.substring(0, 500) : error);
        }
        return touch(source, instance, fields)
                .chain(() -> newestPostAt == null ? Uni.createFrom().voidItem() : recordNewest(source, instance, newestPostAt))
                .chain(() -> countPublished(source, instance, published, at));
    }

    /**
     * Records pushed posts of one source instance in fields of their own ({@code lastPushAt},
     * {@code pushedPublishedTotal}, {@code newestPushedPostAt}), never in the poll status.
     */
    public Uni<Void> recordPush(String source, String instance, Instant at, int published, Instant newestPostAt) {
        String key = statusKey(source, instance);
        return touch(source, instance, Map.of("lastPushAt", at.toString()))
                .chain(() -> hashes.hincrby(key, "pushedPublishedTotal", published))
                .chain(() -> newestPostAt == null ? Uni.createFrom().voidItem()
                        : hashes.hget(key, "newestPushedPostAt").chain(current -> current != null
                                && !Instant.parse(current).isBefore(newestPostAt) ? Uni.createFrom().voidItem()
                                        : hashes.hset(key, "newestPushedPostAt", newestPostAt.toString())
                                                .replaceWithVoid()));
    }

    /** Remembers the newest creation time seen (for the lag), never moving it backwards. */
    public Uni<Void> recordNewest(String source, String instance, Instant newestPostAt) {
        String key = statusKey(source, instance);
        return hashes.hget(key, "newestPostAt").chain(current -> current != null
                && !Instant.parse(current).isBefore(newestPostAt) ? Uni.createFrom().voidItem()
                        : hashes.hset(key, "newestPostAt", newestPostAt.toString()).replaceWithVoid());
    }

    private Uni<Void> countPublished(String source, String instance, int published, Instant at) {
        if (published == 0) {
            return Uni.createFrom().voidItem();
        }
        String rate = rateKey(source, instance, at.getEpochSecond() / 60);
        return hashes.hincrby(statusKey(source, instance), "publishedTotal", published)
                .chain(() -> values.incrby(rate, published))
                .chain(() -> keys.expire(rate, Duration.ofMinutes(RATE_MINUTES + 5))).replaceWithVoid();
    }

    private Uni<Void> touch(String source, String instance, Map<String, String> fields) {
        return sets.sadd(INDEX, source + "|" + instance)
                .chain(() -> hashes.hset(statusKey(source, instance), fields)).replaceWithVoid();
    }

    /** Every source instance that has a status. */
    public Uni<List<String[]>> knownInstances() {
        return sets.smembers(INDEX).map(members -> {
            List<String[]> out = new ArrayList<>();
            for (String member : members) {
                int cut = member.indexOf('|');
                if (cut > 0) {
                    out.add(new String[] { member.substring(0, cut), member.substring(cut + 1) });
                }
            }
            return out;
        });
    }

    /** The status of one source instance; {@code threshold} is the circuit's failure threshold. */
    public Uni<SourceStatus> status(String source, String instance, boolean enabled, int threshold) {
        Instant now = Instant.now();
        long minute = now.getEpochSecond() / 60;
        String[] rateKeys = new String[RATE_MINUTES];
        for (int i = 0; i < RATE_MINUTES; i++) {
            rateKeys[i] = rateKey(source, instance, minute - i);
        }
        return hashes.hgetall(statusKey(source, instance))
                .chain(fields -> backoffUntil(source, instance)
                        .chain(until -> consecutiveFailures(source, instance)
                                .chain(failures -> values.mget(rateKeys).map(rates -> {
                                    long sum = rates.values().stream().filter(v -> v != null)
                                            .mapToLong(Long::parseLong).sum();
                                    Instant newest = instant(fields.get("newestPostAt"));
                                    String circuit = failures < threshold ? "closed" : until != null ? "open"
                                            : "half-open";
                                    return new SourceStatus(source, instance, enabled, instant(fields.get("lastPollAt")),
                                            instant(fields.get("lastSuccessAt")), instant(fields.get("lastErrorAt")),
                                            fields.get("lastError"), number(fields.get("publishedLastPoll")),
                                            number(fields.get("publishedTotal")), sum / (double) RATE_MINUTES, newest,
                                            newest == null ? null : Math.max(0, Duration.between(newest, now).toSeconds()),
                                            until, until == null ? null : fields.get("backoffReason"), circuit, failures,
                                            List.of(), fields.get("lastPushAt") == null ? null
                                                    : new SourceStatus.Pushed(instant(fields.get("lastPushAt")),
                                                            number(fields.get("pushedPublishedTotal")),
                                                            instant(fields.get("newestPushedPostAt"))));
                                }))));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
