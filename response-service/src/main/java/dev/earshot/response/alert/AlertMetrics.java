package dev.earshot.response.alert;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.webhook.WebhookEventType;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts alerts written to the outbox ({@code earshot_alerts_written_total{type=...}}). */
@ApplicationScoped
public class AlertMetrics {

    static final String WRITTEN = "earshot.alerts.written";

    private final MeterRegistry registry;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Call once the transaction that wrote the alerts has committed. */
    public void written(WebhookEventType type, int count) {
        if (count > 0) {
            registry.counter(WRITTEN, "type", type.id()).increment(count);
        }
    }
}
