package dev.earshot.response.task;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;

/**
 * Fires {@link TaskChange}s to every {@link TaskChangeObserver}, one after the other, in the caller's transaction.
 * A CDI event would not do: its observers cannot return the {@code Uni} of a reactive write, so the write could
 * not be chained into (and commit with) the change.
 */
@ApplicationScoped
public class TaskChanges {

    private final List<TaskChangeObserver> observers;

    public TaskChanges(@All List<TaskChangeObserver> observers) {
        this.observers = observers;
    }

    public Uni<Void> fire(TaskChange change) {
        return fire(List.of(change));
    }

    /** Several changes, in the order they happened (a batch's: each observer gets them together, to write at once). */
    public Uni<Void> fire(List<TaskChange> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (changes.isEmpty()) {
            return chain;
        }
        for (TaskChangeObserver observer : observers) {
            chain = chain.call(() -> observer.changed(changes));
        }
        return chain;
    }
}
