package dev.earshot.listener.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.DeadLetter;
import dev.earshot.web.Page;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;

/**
 * The listener's dead letters: the capped Redis stream {@code earshot:listener:dead-letter}. Every entry
 * is bounded here, whoever adds it: at most {@link #MAX_RAW_BYTES} of the raw post (UTF-8, cut at a
 * character boundary, {@code rawTruncated} set), at most {@link #MAX_REASON_CHARS} of the reason and
 * {@link #MAX_SOURCE_CHARS} of the source name. Entries read back are bounded the same way, so entries
 * stored before the bound existed cannot make an answer large either.
 */
@ApplicationScoped
public class DeadLetterStore {

    public static final String STREAM = "earshot:listener:dead-letter";

    /** Most bytes of the raw post kept per entry. */
    public static final int MAX_RAW_BYTES = 4096;

    /** Most characters of the reason kept per entry. */
    public static final int MAX_REASON_CHARS = 500;

    /** Most characters of the source name kept per entry. */
    public static final int MAX_SOURCE_CHARS = 64;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final ListenerConfig config;
    private final ObjectMapper mapper;

    public DeadLetterStore(ReactiveRedisDataSource redis, ListenerConfig config, ObjectMapper mapper) {
        this.streams = redis.stream(String.class);
        this.config = config;
        this.mapper = mapper;
    }

    /** XADD with {@code MAXLEN ~ cap}, the fields bounded. */
    public Uni<String> add(String source, String reason, String raw, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", cut(source, MAX_SOURCE_CHARS));
        fields.put("reason", cut(reason, MAX_REASON_CHARS));
        String kept = headBytes(raw == null ? "" : raw, MAX_RAW_BYTES);
        fields.put("raw", kept);
        if (raw != null && kept.length() < raw.length()) {
            fields.put("rawTruncated", "true");
        }
        fields.put("at", at.toString());
        return streams.xadd(STREAM, new XAddArgs().maxlen(config.deadLetterMaxLength()).nearlyExactTrimming(), fields);
    }

    /** The newest {@code limit} entries, newest first. */
    public Uni<List<DeadLetter>> newest(int limit) {
        return before(null, limit);
    }

    /**
     * At most {@code limit} entries older than the entry id {@code before} (null: from the newest), newest first,
     * and no more than fit in {@code maxBytes} of JSON array (the first entry always does: an entry is far
     * smaller). The page's {@code nextCursor} is the entry id of its last entry when more follow, else null.
     */
    public Uni<Page<DeadLetter>> page(String before, int limit, int maxBytes) {
        return before(before, limit + 1).map(entries -> {
            List<DeadLetter> items = new ArrayList<>();
            long bytes = 2;
            for (DeadLetter entry : entries) {
                if (items.size() == limit) {
                    break;
                }
                bytes += jsonSize(entry) + 1;
                if (bytes > maxBytes && !items.isEmpty()) {
                    break;
                }
                items.add(entry);
            }
            return Page.of(items, items.size() < entries.size() ? items.get(items.size() - 1).entryId() : null);
        });
    }

    private int jsonSize(DeadLetter entry) {
        try {
            return mapper.writeValueAsBytes(entry).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter cannot be written as JSON", e);
        }
    }

    /**
     * At most {@code limit} entries older than the entry id {@code before} (all entries when null), newest
     * first.
     */
    public Uni<List<DeadLetter>> before(String before, int limit) {
        StreamRange range = before == null ? StreamRange.of("+", "-") : StreamRange.of("(" + before, "-");
        return streams.xrevrange(STREAM, range, limit)
                .map(messages -> messages.stream().map(m -> {
                    Map<String, String> p = m.payload();
                    String at = p.get("at");
                    String raw = p.get("raw");
                    String kept = raw == null ? null : headBytes(raw, MAX_RAW_BYTES);
                    boolean truncated = "true".equals(p.get("rawTruncated")) || (raw != null && kept.length() < raw.length());
                    return new DeadLetter(m.id(), cut(p.get("source"), MAX_SOURCE_CHARS),
                            cut(p.get("reason"), MAX_REASON_CHARS), kept, truncated,
                            at == null ? null : Instant.parse(at));
                }).toList());
    }

    private static String cut(String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return value.substring(0, end);
    }

    /** The longest prefix of {@code value} whose UTF-8 encoding has at most {@code maxBytes} bytes. */
    static String headBytes(String value, int maxBytes) {
        if (value.length() * 3L <= maxBytes) {
            return value;
        }
        int bytes = 0;
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return value.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return value;
    }
}
