package dev.earshot.response.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.IdempotencyRepository;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.task.TaskEventEntity;
import dev.earshot.response.task.TaskEventRepository;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.ViewerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Wakes snoozed tasks when their time comes, forgets expired viewers and Idempotency-Keys (webhook events
 * are purged by {@code webhook.delivery.DeliveryHousekeeping}).
 */
@ApplicationScoped
public class Housekeeping {

    private final TaskRepository tasks;
    private final TaskEventRepository events;
    private final ViewerRepository viewers;
    private final IdempotencyRepository idempotencyKeys;
    private final WorkflowConfig config;
    private final Clock clock;

    public Housekeeping(TaskRepository tasks, TaskEventRepository events, ViewerRepository viewers,
            IdempotencyRepository idempotencyKeys, WorkflowConfig config, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.viewers = viewers;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${earshot.workflow.housekeeping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> run() {
        return wakeDueSnoozed()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("woke %d snoozed tasks", n);
                    }
                })
                .flatMap(n -> expire())
                .onFailure().invoke(e -> Log.warnf(e, "housekeeping failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Wakes snoozed tasks whose time has come (as "system", in the audit trail). Returns how many. */
    @WithTransaction
    public Uni<Integer> wakeDueSnoozed() {
        Instant now = Clocks.now(clock);
        return tasks.lockDueSnoozed(now, 500).flatMap(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<TaskEventEntity> woken = due.stream().map(task -> {
                task.wake(now);
                task.version += 1;
                task.updatedAt = now;
                return TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken", now, TaskStatus.SNOOZED,
                        task.status, "snooze over");
            }).toList();
            return events.persist(woken).replaceWith(due.size());
        });
    }

    /**
     * Forgets viewers whose heartbeat expired, Idempotency-Keys older than their TTL and each caller's oldest
     * keys beyond earshot.workflow.idempotency-max-keys-per-caller.
     */
    @WithTransaction
    public Uni<Integer> expire() {
        Instant now = Clocks.now(clock);
        return viewers.deleteExpired(now)
                .flatMap(v -> idempotencyKeys.deleteExpired(now.minus(config.idempotencyTtl())).map(k -> v + k))
                .flatMap(n -> idempotencyKeys.deleteBeyond(config.idempotencyMaxKeysPerCaller()).map(k -> n + k));
    }
}
