package dev.earshot.response.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChangeObserver;
import io.smallrye.mutiny.Uni;

/** Puts the webhook events of task changes into the outbox, in the transaction of the changes, in their order. */
@ApplicationScoped
public class OutboxTaskChangeObserver implements TaskChangeObserver {

    private final WebhookOutbox outbox;

    public OutboxTaskChangeObserver(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> changed(List<TaskChange> changes) {
        // UPDATED is for views of the task as it is (the inbox), not an announced event
        return outbox.addAll(changes.stream()
                .filter(change -> change.kind() != TaskChange.Kind.UPDATED)
                .map(change -> outbox.entry(type(change.kind()), change.task(), change.latest(), change.previousTier(),
                        change.at()))
                .toList());
    }

    private static WebhookEventType type(TaskChange.Kind kind) {
        return switch (kind) {
            case CREATED -> WebhookEventType.TASK_CREATED;
            case ESCALATED -> WebhookEventType.TASK_ESCALATED;
            case RESOLVED -> WebhookEventType.TASK_RESOLVED;
            case REPLIED -> WebhookEventType.TASK_REPLIED;
            case REOPENED -> WebhookEventType.TASK_REOPENED;
            case UPDATED -> throw new IllegalStateException("not announced");
        };
    }
}
