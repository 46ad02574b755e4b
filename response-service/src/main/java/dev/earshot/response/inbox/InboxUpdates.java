package dev.earshot.response.inbox;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChangeObserver;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Tells open inbox pages that the queue changed: every {@link TaskChange} (a new task, any workflow action) goes to
 * every open page's server-sent event stream, which then reloads its rows. Bounded per page: changes are coalesced
 * into at most one event per {@link #WINDOW} (which also lets the change's transaction commit before the page reads
 * the queue again), and a page that does not keep up loses events instead of buffering them (the next one reloads
 * everything anyway). Per replica: a change made on another replica shows at that page's next event or reload.
 */
@ApplicationScoped
public class InboxUpdates implements TaskChangeObserver {

    static final Duration WINDOW = Duration.ofMillis(500);

    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();

    @Override
    public Uni<Void> changed(List<TaskChange> batch) {
        for (TaskChange change : batch) {
            changes.onNext(change.task().id);
        }
        return Uni.createFrom().voidItem();
    }

    /** One page's stream: the ids that changed in each window (non-empty windows only), dropping what it cannot take. */
    Multi<List<Long>> stream() {
        return changes.onOverflow().drop()
                .group().intoLists().every(WINDOW)
                .filter(ids -> !ids.isEmpty())
                .onOverflow().drop();
    }
}
