package dev.earshot.response.task.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.webhook.delivery.DeliveryConfig;
import dev.earshot.response.webhook.delivery.DeliveryLog;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Wakes snoozed tasks when their time comes, forgets expired viewers and Idempotency-Keys, and deletes
 * webhook events (with their delivery log) older than earshot.webhooks.retention.
 */
@ApplicationScoped
public class Housekeeping {

    private final WorkflowService workflow;
    private final DeliveryLog deliveries;
    private final DeliveryConfig webhooks;

    public Housekeeping(WorkflowService workflow, DeliveryLog deliveries, DeliveryConfig webhooks) {
        this.workflow = workflow;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
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
                .flatMap(n -> deliveries.purgeDispatchedBefore(Instant.now().minus(webhooks.retention())))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("deleted %d webhook events older than %s", n, webhooks.retention());
                    }
                })
                .onFailure().invoke(e -> Log.warnf(e, "housekeeping failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
