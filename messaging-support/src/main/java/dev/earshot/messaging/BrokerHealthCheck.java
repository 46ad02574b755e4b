package dev.earshot.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness {@code rabbitmq-publisher}: whether the publishing connection reaches the broker now. */
@Singleton
@Readiness
public class BrokerHealthCheck implements HealthCheck {

    private final Broker broker;

    public BrokerHealthCheck(Broker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq-publisher").status(broker.reachable()).build();
    }
}
