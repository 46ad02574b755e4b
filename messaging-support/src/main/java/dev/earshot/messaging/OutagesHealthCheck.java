package dev.earshot.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness {@code outages}: down while some work waits for an outage to end, with what waits and why. */
@Singleton
@Readiness
public class OutagesHealthCheck implements HealthCheck {

    private final Outages outages;

    public OutagesHealthCheck(Outages outages) {
        this.outages = outages;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outages").status(!outages.anyWaiting());
        outages.waiting().forEach(response::withData);
        return response.build();
    }
}
