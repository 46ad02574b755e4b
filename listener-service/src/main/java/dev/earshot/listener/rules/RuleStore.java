package dev.earshot.listener.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.config.ListenerConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The listening rules: those of the configuration ({@code earshot.listener.rules.<id>.*}), overridden by
 * the rules managed through {@code /api/v1/rules}, which live in the Redis hash {@code earshot:rules} so
 * that every replica and every restart sees them. A rule deleted through the API leaves a tombstone there,
 * so a configured rule can be switched off too. Each replica re-reads the hash every
 * {@code earshot.listener.rules-refresh}; its own changes apply at once.
 */
@ApplicationScoped
public class RuleStore {

    public static final String REDIS_KEY = "earshot:rules";
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Where a rule comes from. */
    public enum Origin {
        configuration, api
    }

    /** A rule and where it comes from. */
    public record ManagedRule(Rule rule, Origin origin) {
    }

    /** How an API-managed rule is stored in Redis. */
    @RegisterForReflection
    public record StoredRule(String query, List<String> languages, List<String> sources, boolean deleted) {
    }

    private final Map<String, Rule> configured;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper objectMapper;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    private record Snapshot(List<ManagedRule> rules, RuleIndex index, long loadedAtNanos) {
    }

    public RuleStore(ListenerConfig config, ReactiveRedisDataSource redis, ObjectMapper objectMapper) {
        this.configured = fromConfiguration(config);
        this.hashes = redis.hash(String.class);
        this.objectMapper = objectMapper;
        this.refresh = config.rulesRefresh();
        this.snapshot = build(Map.of());
        this.snapshot = new Snapshot(snapshot.rules, snapshot.index, Long.MIN_VALUE / 2);
    }

    /** The configured rules; a query that does not parse stops the start with the rule id and the column. */
    static Map<String, Rule> fromConfiguration(ListenerConfig config) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        config.rules().forEach((id, rule) -> {
            String query = rule.query().orElseGet(() -> rule.keyword().map(RuleStore::keywordQuery).orElseThrow(
                    () -> new IllegalStateException("rule " + id + " needs a query (earshot.listener.rules." + id
                            + ".query)")));
            try {
                rules.put(id, Rule.strict(id, query, rule.languages().orElse(List.of()),
                        rule.sources().orElse(List.of())));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("rule " + id + ": " + e.getMessage(), e);
            }
        });
        return rules;
    }

    /** A keyword of the old configuration is one whole word or phrase. */
    public static String keywordQuery(String keyword) {
        String stripped = keyword.strip();
        if (stripped.matches("[\\p{L}\\p{N}_]+") && !List.of("and", "or", "not").contains(stripped.toLowerCase(Locale.ROOT))) {
            return stripped;
        }
        return "\"" + stripped.replace("\"", " ").strip() + "\"";
    }

    /** The current rules indexed for matching, re-read from Redis when the snapshot is older than the refresh. */
    public Uni<RuleIndex> index() {
        return current().map(Snapshot::index);
    }

    /** Every rule in effect, sorted by id. */
    public Uni<List<ManagedRule>> list() {
        return current().map(Snapshot::rules);
    }

    /** The rules of the latest snapshot, without a Redis round trip (may be up to one refresh old). */
    public List<Rule> all() {
        return snapshot.index.rules();
    }

    public Uni<ManagedRule> get(String id) {
        return list().map(rules -> rules.stream().filter(r -> r.rule().id().equals(id)).findFirst().orElse(null));
    }

    /** Creates or replaces an API-managed rule; answers whether it existed before. */
    public Uni<Boolean> put(Rule rule) {
        return get(rule.id()).chain(existing -> hashes.hset(REDIS_KEY, rule.id(),
                json(new StoredRule(rule.query(), rule.languages(), rule.sources(), false)))
                .chain(() -> reload())
                .map(ignored -> existing != null));
    }

    /** Deletes a rule (a tombstone hides a configured one); false when there was none. */
    public Uni<Boolean> delete(String id) {
        return get(id).chain(existing -> {
            if (existing == null) {
                return Uni.createFrom().item(false);
            }
            Uni<?> write = configured.containsKey(id)
                    ? hashes.hset(REDIS_KEY, id, json(new StoredRule(null, List.of(), List.of(), true)))
                    : hashes.hdel(REDIS_KEY, id);
            return write.chain(() -> reload()).map(ignored -> true);
        });
    }

    private Uni<Snapshot> current() {
        Snapshot now = snapshot;
        if (System.nanoTime() - now.loadedAtNanos < refresh.toNanos()) {
            return Uni.createFrom().item(now);
        }
        return reload().onFailure().recoverWithItem(failure -> {
            Log.warnf("rules: could not read %s from Redis, keeping the previous rules: %s", REDIS_KEY,
                    failure.getMessage());
            return now;
        });
    }

    private Uni<Snapshot> reload() {
        return hashes.hgetall(REDIS_KEY).map(stored -> {
            Snapshot fresh = build(stored);
            snapshot = fresh;
            return fresh;
        });
    }

    private Snapshot build(Map<String, String> stored) {
        Map<String, ManagedRule> rules = new LinkedHashMap<>();
        configured.forEach((id, rule) -> rules.put(id, new ManagedRule(rule, Origin.configuration)));
        stored.forEach((id, value) -> {
            try {
                StoredRule s = objectMapper.readValue(value, StoredRule.class);
                if (s.deleted()) {
                    rules.remove(id);
                } else {
                    rules.put(id, new ManagedRule(new Rule(id, s.query(), s.languages(), s.sources()), Origin.api));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                Log.errorf("rules: stored rule %s is unreadable and ignored: %s", id, e.getMessage());
            }
        });
        List<ManagedRule> sorted = new ArrayList<>(rules.values());
        sorted.sort(Comparator.comparing(r -> r.rule().id()));
        return new Snapshot(List.copyOf(sorted), new RuleIndex(sorted.stream().map(ManagedRule::rule).toList()),
                System.nanoTime());
    }

    private String json(StoredRule rule) {
        try {
            return objectMapper.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
