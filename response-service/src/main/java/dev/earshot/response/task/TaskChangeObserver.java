package dev.earshot.response.task;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * A bean that reacts to {@link TaskChange}s in the transaction of the change. Task code knows only this
 * interface, not who implements it (the webhook outbox), so the task feature does not depend on the others.
 */
public interface TaskChangeObserver {

    /**
     * Runs in the caller's transaction; a failure fails (and rolls back) the change. {@code changes} (at least one)
     * are in the order they happened: one action's, or a whole ingestion batch's.
     */
    Uni<Void> changed(List<TaskChange> changes);
}
