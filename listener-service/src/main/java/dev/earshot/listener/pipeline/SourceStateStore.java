package dev.earshot.listener.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.model.SourceStatus;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * Polling state kept in Redis so that a restart loses nothing: cursors per source and rule
 * ({@code earshot:cursor:<source>:<ruleId>}, the newest creation time seen in epoch seconds), the
 * back-off a platform asked for ({@code earshot:backoff:<source>}, expiring by itself) and the status
 * shown by {@code GET /api/v1/sources} ({@code earshot:status:<source>}).
 */
@ApplicationScoped
public class SourceStateStore {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;

    public SourceStateStore(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.hashes = redis.hash(String.class);
    }

    public static String cursorKey(String source, String ruleId) {
        return "earshot:cursor:" + source + ":" + ruleId;
    }

    static String backoffKey(String source) {
        return "earshot:backoff:" + source;
    }

    static String statusKey(String source) {
        return "earshot:status:" + source;
    }

    /** The cursor (epoch seconds), or null before the first successful poll. */
    public Uni<Long> cursor(String source, String ruleId) {
        return values.get(cursorKey(source, ruleId)).map(v -> v == null ? null : Long.valueOf(v));
    }

    public Uni<Void> setCursor(String source, String ruleId, long epochSecond) {
        return values.set(cursorKey(source, ruleId), String.valueOf(epochSecond));
    }

    /** Until when the source asked us to stay away, or null. */
    public Uni<Instant> backoffUntil(String source) {
        return values.get(backoffKey(source)).map(v -> v == null ? null : Instant.ofEpochMilli(Long.parseLong(v)));
    }

    public Uni<Void> backOff(String source, Instant until) {
        long millis = Math.max(1, Duration.between(Instant.now(), until).toMillis());
        return values.set(backoffKey(source), String.valueOf(until.toEpochMilli()), new SetArgs().px(millis));
    }

    /** Records the end of a poll: its time, the published count and, when it failed, the error. */
    public Uni<Void> recordPoll(String source, Instant at, int published, String error) {
        Map<String, String> fields = new HashMap<>();
        fields.put("lastPollAt", at.toString());
        fields.put("publishedLastPoll", String.valueOf(published));
        if (error == null) {
            fields.put("lastSuccessAt", at.toString());
        } else {
            fields.put("lastErrorAt", at.toString());
            fields.put("lastError", error);
        }
        String key = statusKey(source);
        return hashes.hset(key, fields).chain(() -> hashes.hincrby(key, "publishedTotal", published)).replaceWithVoid();
    }

    public Uni<SourceStatus> status(String source) {
        return hashes.hgetall(statusKey(source)).chain(fields -> backoffUntil(source).map(until -> new SourceStatus(
                source, instant(fields.get("lastPollAt")), instant(fields.get("lastSuccessAt")),
                instant(fields.get("lastErrorAt")), fields.get("lastError"), number(fields.get("publishedLastPoll")),
                number(fields.get("publishedTotal")), until)));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
