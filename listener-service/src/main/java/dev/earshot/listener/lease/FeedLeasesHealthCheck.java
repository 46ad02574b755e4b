package dev.earshot.listener.lease;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code feed-leases}: up while this replica's heartbeat in Redis is fresh (written within the lease
 * TTL), since a replica without one reads no feed. Shows the replica id, the live replicas and the feeds held.
 */
@Readiness
@ApplicationScoped
public class FeedLeasesHealthCheck implements HealthCheck {

    private final FeedLeases leases;

    public FeedLeasesHealthCheck(FeedLeases leases) {
        this.leases = leases;
    }

    @Override
    public HealthCheckResponse call() {
        Instant heartbeat = leases.lastHeartbeat();
        boolean fresh = heartbeat != null && heartbeat.plus(leases.ttl()).isAfter(Instant.now());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feed-leases").status(fresh)
                .withData("replica", leases.replicaId())
                .withData("lastHeartbeat", heartbeat == null ? "none yet" : heartbeat.toString())
                .withData("liveReplicas", leases.liveReplicas())
                .withData("heldFeeds", String.join(",", leases.held()))
                .withData("wantedFeeds", leases.wanted().size());
        if (leases.lastError() != null) {
            response.withData("lastError", leases.lastError());
        }
        return response.build();
    }
}
