package dev.earshot.response.task;

import io.smallrye.mutiny.Uni;

/**
 * A bean that reacts to {@link TaskChange}s in the transaction of the change. Task code knows only this
 * interface, not who implements it (the webhook outbox), so the task feature does not depend on the others.
 */
public interface TaskChangeObserver {

    /** Runs in the caller's transaction; a failure fails (and rolls back) the change. */
    Uni<Void> changed(TaskChange change);
}
