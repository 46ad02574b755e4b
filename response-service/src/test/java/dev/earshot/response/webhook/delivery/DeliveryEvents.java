package dev.earshot.response.webhook.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;

/** Events for the delivery tests. */
final class DeliveryEvents {

    private DeliveryEvents() {
    }

    static WebhookEvent.TaskSnapshot task(String tier, String team, String source, List<String> intents,
            List<String> rules, boolean needsReply) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new WebhookEvent.TaskSnapshot(4711, tier, null, 81.5, List.of("urgency 0.9"), "open", team, source,
                "Checkout is down", "https://example.org/p/1", null, "carol", 1200L, "Your checkout fails again",
                "negative", -0.8, intents, rules, 1, needsReply, now.plusSeconds(900), 900L, null, null, null);
    }

    static WebhookEvent taskEvent(WebhookEventType type, WebhookEvent.TaskSnapshot task) {
        return new WebhookEvent(UUID.randomUUID().toString(), type.id(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), task, null);
    }

    static WebhookEvent urgentTask(WebhookEventType type) {
        return taskEvent(type, task("P1", "support", "reddit", List.of("outage"), List.of("brand"), true));
    }

    static WebhookEvent spike(String rule) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new WebhookEvent(UUID.randomUUID().toString(), WebhookEventType.VOLUME_SPIKE.id(), now, null,
                new WebhookEvent.SpikeSnapshot(rule, now.minusSeconds(900), now, 40, 30, 0.75, 5, 2, 11, 0.2,
                        List.of("volume", "negative share"), List.of()));
    }
}
