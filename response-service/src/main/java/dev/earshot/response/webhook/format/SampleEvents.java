package dev.earshot.response.webhook.format;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.webhook.WebhookEvent.SpikeExample;
import dev.earshot.response.webhook.WebhookEvent.SpikeSnapshot;
import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;

/**
 * Clearly labelled sample events for a subscription's test-send: task id 0, the title "Test message
 * from Earshot", links to example.com; a spike for {@code volume.spike}.
 */
public final class SampleEvents {

    public static final String TITLE = "Test message from Earshot";
    static final String SAMPLE_POST = "https://example.com/earshot/sample-post";

    private SampleEvents() {
    }

    public static WebhookEvent of(WebhookEventType type, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString();
        if (type == WebhookEventType.VOLUME_SPIKE) {
            return new WebhookEvent(id, type.id(), at, null, spike(at));
        }
        return new WebhookEvent(id, type.id(), at, task(type, at), null);
    }

    private static TaskSnapshot task(WebhookEventType type, Instant at) {
        boolean resolved = type == WebhookEventType.TASK_RESOLVED;
        long secondsToBreach = switch (type) {
            case SLA_WARNING -> 300;
            case SLA_BREACHED -> -120;
            default -> 1800;
        };
        return new TaskSnapshot(0, "P1", type == WebhookEventType.TASK_ESCALATED ? "P3" : null, 0.9,
                List.of("sample: negative sentiment", "sample: complaint intent"), (resolved ? TaskStatus.RESOLVED : TaskStatus.OPEN).wire(),
                "support", "sample", TITLE, SAMPLE_POST, null, "earshot", 12_300L,
                "This is a test message from Earshot. It shows how alerts about urgent posts will look here.",
                "negative", -0.75, List.of("complaint"), List.of("sample"), 1, !resolved,
                at.plusSeconds(secondsToBreach), resolved ? null : secondsToBreach, resolved ? "earshot" : null,
                resolved ? SAMPLE_POST : null, resolved ? "earshot" : null);
    }

    private static SpikeSnapshot spike(Instant at) {
        return new SpikeSnapshot(TITLE, at.minus(15, ChronoUnit.MINUTES), at, 42, 25, 25.0 / 42, 8.0, 3.0, 17.0, 0.2,
                List.of("volume", "negative share"),
                List.of(new SpikeExample(SAMPLE_POST, "earshot", "This is a sample post of a test spike.", "negative")));
    }
}
