package dev.earshot.response.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a webhook subscription can ask to hear about; {@link #id()} is the wire name. */
public enum WebhookEventType {
    TASK_CREATED("task.created", "New task"),
    TASK_ESCALATED("task.escalated", "Task escalated"),
    SLA_WARNING("task.sla_warning", "SLA about to breach"),
    SLA_BREACHED("task.sla_breached", "SLA breached"),
    TASK_RESOLVED("task.resolved", "Task resolved"),
    TASK_REPLIED("task.replied", "Reply recorded"),
    TASK_REOPENED("task.reopened", "Task reopened"),
    VOLUME_SPIKE("volume.spike", "Volume spike");

    private final String id;
    private final String title;

    WebhookEventType(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    /** A short human heading for chat messages. */
    public String title() {
        return title;
    }

    public static Optional<WebhookEventType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(WebhookEventType::id).toList();
    }
}
