package dev.earshot.response.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Spike alerts per listening rule (the values of {@code mention.matched_rules}): the mentions of the
 * last window against the windows before it, so a brewing storm is seen before it peaks. Volume fires
 * above the baseline mean plus k standard deviations, negative share fires when the share of negative
 * posts jumps; a rule alerts at most once per cooldown, and only once it has been heard of for the
 * whole baseline. One replica evaluates at a time (a transaction-scoped advisory lock), and the
 * cooldown mark and the outbox row are written in the same transaction.
 */
@ApplicationScoped
public class SpikeDetector {

    /** pg_try_advisory_xact_lock key of the spike evaluation ("Earshot1"). */
    static final long LOCK_KEY = 0x4561_7273_686f_7431L;

    static final String VOLUME = "volume";
    static final String NEGATIVE_SHARE = "negative share";

    private static final int EXAMPLES = 3;

    private final WebhookOutbox outbox;
    private final AlertsConfig config;
    private final AlertMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public SpikeDetector(WebhookOutbox outbox, AlertsConfig config, AlertMetrics metrics) {
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(identity = "spike-detector", every = "${earshot.alerts.spike.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    Uni<Void> run() {
        return evaluate(now())
                .onFailure().invoke(e -> Log.warnf(e, "spike detection failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Evaluates every rule at {@code now}; returns the spikes written to the outbox. */
    public Uni<List<WebhookEvent.SpikeSnapshot>> evaluate(Instant now) {
        return detect(now).invoke(spikes -> metrics.written(WebhookEventType.VOLUME_SPIKE, spikes.size()));
    }

    /**
     * The current window against the baseline of each rule (or of {@code rules} when not empty), firing or not, in
     * rule order: at most {@code max}, after rule {@code after} (null: from the first).
     */
    @WithSession
    public Uni<List<RuleWindow>> measure(Instant now, List<String> rules, String after, int max) {
        return windows(now, rules, after, max);
    }

    @WithTransaction
    Uni<List<WebhookEvent.SpikeSnapshot>> detect(Instant now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)", Boolean.class)
                        .setParameter("key", LOCK_KEY).getSingleResult())
                .flatMap(locked -> {
                    if (!Boolean.TRUE.equals(locked)) {
                        Log.debug("another replica is evaluating spikes");
                        return Uni.createFrom().item(List.<WebhookEvent.SpikeSnapshot>of());
                    }
                    return windows(now, List.of(), null, null).flatMap(all -> {
                        List<RuleWindow> firing = all.stream().filter(w -> !w.reasons().isEmpty()).toList();
                        if (firing.isEmpty()) {
                            return Uni.createFrom().item(List.<WebhookEvent.SpikeSnapshot>of());
                        }
                        return lastAlerts(firing.stream().map(RuleWindow::rule).toList())
                                .flatMap(last -> alert(firing.stream()
                                        .filter(w -> !coolingDown(last.get(w.rule()), now)).toList(), now));
                    });
                });
    }

    private boolean coolingDown(Instant lastAlert, Instant now) {
        return lastAlert != null && lastAlert.isAfter(now.minus(config.spike().cooldown()));
    }

    /** Writes one event and the cooldown mark per rule, one after the other in the session. */
    private Uni<List<WebhookEvent.SpikeSnapshot>> alert(List<RuleWindow> spikes, Instant now) {
        List<WebhookEvent.SpikeSnapshot> written = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RuleWindow w : spikes) {
            chain = chain.flatMap(v -> examples(w, now))
                    .flatMap(examples -> {
                        WebhookEvent.SpikeSnapshot spike = w.snapshot(examples);
                        written.add(spike);
                        WebhookEvent event = new WebhookEvent(UUID.randomUUID().toString(),
                                WebhookEventType.VOLUME_SPIKE.id(), now, null, spike);
                        Log.infof("spike alert for rule %s (%s): %d mentions, %d negative", w.rule(),
                                String.join(", ", w.reasons()), w.mentions(), w.negativeMentions());
                        return outbox.add(event, null);
                    })
                    .flatMap(v -> markAlerted(w.rule(), now));
        }
        return chain.replaceWith(written);
    }

    /**
     * One aggregate query: mentions and negative mentions per rule and window, where window 0 is
     * (now - window, now] and windows 1..n the baseline before it; windows without mentions count as
     * zero. A rule has history when it was heard of before the baseline began. {@code rules} (when not empty),
     * {@code after} and {@code max} (when not null) choose the rules, in rule order.
     */
    private Uni<List<RuleWindow>> windows(Instant now, List<String> rules, String after, Integer max) {
        AlertsConfig.Spike spike = config.spike();
        Duration window = spike.window();
        int baselineWindows = spike.baselineWindows();
        Instant windowStart = now.minus(window);
        Instant baselineStart = now.minus(window.multipliedBy(baselineWindows + 1L));
        String chosen = (rules.isEmpty() ? "" : " AND r.rule IN (:rules)")
                + (after == null ? "" : " AND r.rule > :after");
        String sql = """
                WITH per_window AS (
                    SELECT r.rule,
                           floor(CAST(extract(epoch FROM (CAST(:now AS timestamptz) - m.created_at)) AS float8)
                                 / :windowSeconds) AS bucket,
                           count(*) AS mentions,
                           count(*) FILTER (WHERE m.sentiment_label = 'negative') AS negative
                    FROM mention m CROSS JOIN LATERAL unnest(m.matched_rules) AS r(rule)
                    WHERE m.created_at > :baselineStart AND m.created_at <= :now""" + chosen + """

                    GROUP BY 1, 2
                ), per_rule AS (
                    SELECT rule,
                           CAST(coalesce(sum(mentions) FILTER (WHERE bucket = 0), 0) AS bigint) AS window_mentions,
                           CAST(coalesce(sum(negative) FILTER (WHERE bucket = 0), 0) AS bigint) AS window_negative,
                           CAST(coalesce(sum(mentions) FILTER (WHERE bucket BETWEEN 1 AND :baselineWindows), 0)
                                AS bigint) AS baseline_mentions,
                           CAST(coalesce(sum(negative) FILTER (WHERE bucket BETWEEN 1 AND :baselineWindows), 0)
                                AS bigint) AS baseline_negative,
                           CAST(coalesce(sum(mentions * mentions) FILTER (WHERE bucket BETWEEN 1 AND :baselineWindows), 0)
                                AS bigint) AS baseline_squares
                    FROM per_window

                    GROUP BY rule
                )
                SELECT p.rule, p.window_mentions, p.window_negative, p.baseline_mentions, p.baseline_negative,
                       p.baseline_squares,
                       EXISTS (SELECT 1 FROM mention h
                               WHERE h.matched_rules @> ARRAY[p.rule] AND h.created_at <= :baselineStart) AS history
                FROM per_rule p
                ORDER BY p.rule""" + (max == null ? "" : " LIMIT :max");
        return Panache.getSession().flatMap(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class)
                    .setParameter("now", now)
                    .setParameter("baselineStart", baselineStart)
                    .setParameter("windowSeconds", window.toNanos() / 1e9)
                    .setParameter("baselineWindows", baselineWindows);
            if (!rules.isEmpty()) {
                q.setParameter("rules", rules);
            }
            if (after != null) {
                q.setParameter("after", after);
            }
            if (max != null) {
                q.setParameter("max", max);
            }
            return q.getResultList();
        }).map(rows -> rows.stream().map(r -> measured(r, windowStart, now)).toList());
    }

    private RuleWindow measured(Object[] row, Instant windowStart, Instant windowEnd) {
        AlertsConfig.Spike spike = config.spike();
        int n = spike.baselineWindows();
        long mentions = ((Number) row[1]).longValue();
        long negative = ((Number) row[2]).longValue();
        long baselineMentions = ((Number) row[3]).longValue();
        long baselineNegative = ((Number) row[4]).longValue();
        double squares = ((Number) row[5]).doubleValue();
        boolean history = Boolean.TRUE.equals(row[6]);
        double mean = (double) baselineMentions / n;
        // Population standard deviation over exactly the n baseline windows.
        double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
        double threshold = Math.max(mean + spike.k() * sd, spike.minMentions() - 1);
        double share = mentions == 0 ? 0 : (double) negative / mentions;
        double baselineShare = baselineMentions == 0 ? 0 : (double) baselineNegative / baselineMentions;
        List<String> reasons = new ArrayList<>(2);
        if (history && mentions > threshold && mentions >= spike.minMentions()) {
            reasons.add(VOLUME);
        }
        if (history && negative >= spike.minNegative() && share >= baselineShare + spike.negativeShareDelta()) {
            reasons.add(NEGATIVE_SHARE);
        }
        return new RuleWindow((String) row[0], windowStart, windowEnd, mentions, negative, share, mean, sd, threshold,
                baselineShare, history, List.copyOf(reasons));
    }

    /** Up to three posts of the window, most negative first. */
    private Uni<List<WebhookEvent.SpikeExample>> examples(RuleWindow w, Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT permalink, author_handle, text, sentiment_label FROM mention
                WHERE matched_rules @> ARRAY[CAST(:rule AS text)] AND created_at > :windowStart AND created_at <= :now
                ORDER BY CASE sentiment_label WHEN 'negative' THEN 0 WHEN 'neutral' THEN 1 ELSE 2 END,
                         sentiment_score ASC NULLS LAST, created_at DESC, id
                LIMIT :limit
                """, Object[].class)
                .setParameter("rule", w.rule())
                .setParameter("windowStart", w.windowStart())
                .setParameter("now", now)
                .setParameter("limit", EXAMPLES)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new WebhookEvent.SpikeExample((String) r[0], (String) r[1],
                                WebhookOutbox.excerpt((String) r[2]), (String) r[3]))
                        .toList());
    }

    private static Uni<Map<String, Instant>> lastAlerts(List<String> rules) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT rule, last_alert_at FROM spike_alert_state WHERE rule IN (:rules)", Object[].class)
                .setParameter("rules", rules)
                .getResultList())
                .map(rows -> {
                    Map<String, Instant> last = new HashMap<>();
                    rows.forEach(r -> last.put((String) r[0], instant(r[1])));
                    return last;
                });
    }

    private static Uni<Void> markAlerted(String rule, Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO spike_alert_state (rule, last_alert_at) VALUES (:rule, :now)
                ON CONFLICT (rule) DO UPDATE SET last_alert_at = excluded.last_alert_at
                """)
                .setParameter("rule", rule)
                .setParameter("now", now)
                .executeUpdate())
                .replaceWithVoid();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
