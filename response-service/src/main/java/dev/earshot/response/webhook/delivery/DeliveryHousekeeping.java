package dev.earshot.response.webhook.delivery;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Deletes webhook events (with their delivery log) older than earshot.webhooks.retention. */
@ApplicationScoped
public class DeliveryHousekeeping {

    private final DeliveryLog deliveries;
    private final DeliveryConfig webhooks;
    private final Clock clock;

    public DeliveryHousekeeping(DeliveryLog deliveries, DeliveryConfig webhooks, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Scheduled(every = "${earshot.workflow.housekeeping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> run() {
        return deliveries.purgeDispatchedBefore(clock.instant().minus(webhooks.retention()))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("deleted %d webhook events older than %s", n, webhooks.retention());
                    }
                })
                .onFailure().invoke(e -> Log.warnf(e, "webhook housekeeping failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
