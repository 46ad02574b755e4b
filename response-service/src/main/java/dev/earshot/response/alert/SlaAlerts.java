package dev.earshot.response.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.MentionEntity;
import dev.earshot.response.task.PriorityCalculator;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.Tier;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * SLA timers: writes "SLA about to breach" ({@code task.sla_warning}) and "SLA breached"
 * ({@code task.sla_breached}) into the webhook outbox, each once per SLA clock, for tasks still
 * waiting for their first response. The mark on the task and the outbox row are written in one
 * transaction, so an alert is neither lost nor doubled; replicas share the work by skipping rows
 * another one holds.
 */
@ApplicationScoped
public class SlaAlerts {

    /** Safety stop for one run; the next run continues where this one stopped. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final WebhookOutbox outbox;
    private final PriorityCalculator priorities;
    private final AlertsConfig config;
    private final AlertMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public SlaAlerts(WebhookOutbox outbox, PriorityCalculator priorities, AlertsConfig config, AlertMetrics metrics) {
        this.outbox = outbox;
        this.priorities = priorities;
        this.config = config;
        this.metrics = metrics;
    }

    /** What one batch wrote. */
    public record Written(int tasks, int warnings, int breaches) {
    }

    @Scheduled(identity = "sla-alerts", every = "${earshot.alerts.sla.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "5s")
    Uni<Void> run() {
        return evaluate(clock.instant().truncatedTo(ChronoUnit.MICROS))
                .onFailure().invoke(e -> Log.warnf(e, "SLA alerts failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Alerts every task due at {@code now}, batch after batch; returns the total written. */
    public Uni<Written> evaluate(Instant now) {
        return evaluate(now, new Written(0, 0, 0), 0);
    }

    private Uni<Written> evaluate(Instant now, Written sofar, int batches) {
        return evaluateBatch(now).flatMap(batch -> {
            // After the commit of the batch.
            metrics.written(WebhookEventType.SLA_WARNING, batch.warnings());
            metrics.written(WebhookEventType.SLA_BREACHED, batch.breaches());
            Written total = new Written(sofar.tasks() + batch.tasks(), sofar.warnings() + batch.warnings(),
                    sofar.breaches() + batch.breaches());
            if (batch.tasks() < config.sla().batchSize() || batches + 1 >= MAX_BATCHES_PER_RUN) {
                return Uni.createFrom().item(total);
            }
            return evaluate(now, total, batches + 1);
        });
    }

    /**
     * One transaction: locks up to earshot.alerts.sla.batch-size tasks due for an alert at
     * {@code now} (skipping rows other transactions hold), marks them and writes their events.
     */
    @WithTransaction
    public Uni<Written> evaluateBatch(Instant now) {
        return dueTasks(now).flatMap(tasks -> {
            if (tasks.isEmpty()) {
                return Uni.createFrom().item(new Written(0, 0, 0));
            }
            return latestMentions(tasks).flatMap(latest -> {
                Map<WebhookEventType, Integer> counts = new EnumMap<>(WebhookEventType.class);
                List<WebhookOutbox.Entry> events = new ArrayList<>(tasks.size());
                for (TaskEntity task : tasks) {
                    WebhookEventType type = mark(task, now);
                    counts.merge(type, 1, Integer::sum);
                    events.add(outbox.entry(type, task, latest.get(task.id), null, now));
                }
                return outbox.addAll(events).replaceWith(new Written(tasks.size(), counts.getOrDefault(WebhookEventType.SLA_WARNING, 0),
                        counts.getOrDefault(WebhookEventType.SLA_BREACHED, 0)));
            });
        });
    }

    /** Breached once due; otherwise about to breach. Skipped warnings are marked too: no late warning. */
    private static WebhookEventType mark(TaskEntity task, Instant now) {
        if (!now.isBefore(task.slaDueAt)) {
            task.slaBreachAlertedAt = now;
            if (task.slaWarnedAt == null) {
                task.slaWarnedAt = now;
            }
            return WebhookEventType.SLA_BREACHED;
        }
        task.slaWarnedAt = now;
        return WebhookEventType.SLA_WARNING;
    }

    /**
     * Tasks waiting for a first response whose breach alert is due, or whose warning is due: the
     * time left is at most warn-fraction of their tier's SLA. Locked, soonest due first.
     */
    private Uni<List<TaskEntity>> dueTasks(Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT * FROM task
                WHERE responded_at IS NULL AND status IN ('open', 'claimed')
                  AND sla_breach_alerted_at IS NULL AND needs_reply
                  AND (sla_due_at <= :now
                       OR (sla_warned_at IS NULL AND sla_due_at <= CASE tier WHEN 'P1' THEN CAST(:warnP1 AS timestamptz)
                                                                             WHEN 'P2' THEN CAST(:warnP2 AS timestamptz)
                                                                             WHEN 'P3' THEN CAST(:warnP3 AS timestamptz)
                                                                             ELSE CAST(:warnP4 AS timestamptz) END))
                ORDER BY sla_due_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """, TaskEntity.class)
                .setParameter("now", now)
                .setParameter("warnP1", warnFrom(now, Tier.P1))
                .setParameter("warnP2", warnFrom(now, Tier.P2))
                .setParameter("warnP3", warnFrom(now, Tier.P3))
                .setParameter("warnP4", warnFrom(now, Tier.P4))
                .setParameter("limit", config.sla().batchSize())
                .getResultList());
    }

    /** A task of this tier due at or before the returned time has at most warn-fraction of its SLA left. */
    private Instant warnFrom(Instant now, Tier tier) {
        Duration sla = priorities.sla(tier);
        long warnMicros = (long) Math.floor(sla.toNanos() / 1000.0 * config.sla().warnFraction());
        return now.plus(warnMicros, ChronoUnit.MICROS);
    }

    /** The newest post of each task, in one query. */
    private static Uni<Map<Long, MentionEntity>> latestMentions(List<TaskEntity> tasks) {
        List<Long> ids = tasks.stream().map(t -> t.id).toList();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT DISTINCT ON (task_id) * FROM mention
                WHERE task_id IN (:ids)
                ORDER BY task_id, created_at DESC, id DESC
                """, MentionEntity.class)
                .setParameter("ids", ids)
                .getResultList())
                .map(mentions -> {
                    Map<Long, MentionEntity> byTask = new HashMap<>();
                    mentions.forEach(m -> byTask.put(m.taskId, m));
                    return byTask;
                });
    }
}
