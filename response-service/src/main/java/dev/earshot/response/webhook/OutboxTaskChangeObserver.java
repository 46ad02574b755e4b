package dev.earshot.response.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChangeObserver;
import io.smallrye.mutiny.Uni;

/** Puts the webhook event of a task change into the outbox, in the transaction of the change. */
@ApplicationScoped
public class OutboxTaskChangeObserver implements TaskChangeObserver {

    private final WebhookOutbox outbox;

    public OutboxTaskChangeObserver(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> changed(TaskChange change) {
        if (change.kind() == TaskChange.Kind.UPDATED) {
            return Uni.createFrom().voidItem();
        }
        WebhookEventType type = switch (change.kind()) {
            case CREATED -> WebhookEventType.TASK_CREATED;
            case ESCALATED -> WebhookEventType.TASK_ESCALATED;
            case RESOLVED -> WebhookEventType.TASK_RESOLVED;
            case REPLIED -> WebhookEventType.TASK_REPLIED;
            case REOPENED -> WebhookEventType.TASK_REOPENED;
            case UPDATED -> throw new IllegalStateException("not announced");
        };
        return outbox.taskEvent(type, change.task(), change.latest(), change.previousTier(), change.at());
    }
}
