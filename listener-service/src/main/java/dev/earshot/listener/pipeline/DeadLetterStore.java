package dev.earshot.listener.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.DeadLetter;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;

/** The listener's dead letters: the capped Redis stream {@code earshot:listener:dead-letter}. */
@ApplicationScoped
public class DeadLetterStore {

    public static final String STREAM = "earshot:listener:dead-letter";

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ListenerConfig config;

    public DeadLetterStore(ReactiveRedisDataSource redis, ListenerConfig config) {
        this.streams = redis.stream(String.class);
        this.config = config;
    }

    /** XADD with {@code MAXLEN ~ cap}. */
    public Uni<String> add(String source, String reason, String raw, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", source);
        fields.put("reason", reason);
        fields.put("raw", raw == null ? "" : raw);
        fields.put("at", at.toString());
        return streams.xadd(STREAM, new XAddArgs().maxlen(config.deadLetterMaxLength()).nearlyExactTrimming(), fields);
    }

    /** The newest {@code limit} entries, newest first. */
    public Uni<List<DeadLetter>> newest(int limit) {
        return streams.xrevrange(STREAM, StreamRange.of("+", "-"), limit)
                .map(messages -> messages.stream().map(m -> {
                    Map<String, String> p = m.payload();
                    String at = p.get("at");
                    return new DeadLetter(m.id(), p.get("source"), p.get("reason"), p.get("raw"),
                            at == null ? null : Instant.parse(at));
                }).toList());
    }
}
