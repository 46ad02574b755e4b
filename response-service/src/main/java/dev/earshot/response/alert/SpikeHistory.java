package dev.earshot.response.alert;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.insight.Kpis;
import dev.earshot.response.webhook.WebhookEventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The spike alerts {@link SpikeDetector} fired, read back from the webhook outbox (so as far back as
 * {@code earshot.webhooks.retention} keeps dispatched events), newest first.
 */
@ApplicationScoped
public class SpikeHistory {

    /** One alert as it fired: the rule's window then, its threshold and why it fired. */
    public record Fired(Instant at, String rule, long mentions, long negativeMentions, double threshold,
            String reasons) {
    }

    /** At most {@code max} alerts fired in [from, to), newest first. */
    @WithSession
    public Uni<List<Fired>> fired(Instant from, Instant to, int max) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT x.created_at, x.p -> 'spike' ->> 'rule', CAST(x.p -> 'spike' ->> 'mentions' AS bigint),
                       CAST(x.p -> 'spike' ->> 'negativeMentions' AS bigint),
                       CAST(x.p -> 'spike' ->> 'threshold' AS float8),
                       (SELECT string_agg(r, ', ') FROM jsonb_array_elements_text(x.p -> 'spike' -> 'reasons') AS r)
                FROM (SELECT o.id, o.created_at, CAST(o.payload AS jsonb) AS p FROM webhook_outbox o
                      WHERE o.event_type = :type AND o.created_at >= :from AND o.created_at < :to) x
                ORDER BY x.created_at DESC, x.id DESC
                LIMIT :max""", Object[].class)
                .setParameter("type", WebhookEventType.VOLUME_SPIKE.id())
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("max", max)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Fired(Kpis.instant(r[0]), (String) r[1],
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).doubleValue(),
                        r[5] == null ? "" : (String) r[5])).toList());
    }
}
