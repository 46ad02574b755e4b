package dev.earshot.response.workflow;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Wakes snoozed tasks when their time comes, forgets expired viewers and Idempotency-Keys (webhook events
 * are purged by {@code webhook.delivery.DeliveryHousekeeping}).
 */
@ApplicationScoped
public class Housekeeping {

    private final WorkflowService workflow;

    public Housekeeping(WorkflowService workflow) {
        this.workflow = workflow;
    }

    @Scheduled(every = "${earshot.workflow.housekeeping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> run() {
        return workflow.wakeDueSnoozed()
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("woke %d snoozed tasks", n);
                    }
                })
                .flatMap(n -> workflow.expire())
                .onFailure().invoke(e -> Log.warnf(e, "housekeeping failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
