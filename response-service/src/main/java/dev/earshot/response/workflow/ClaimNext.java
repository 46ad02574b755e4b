package dev.earshot.response.workflow;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.Idempotency;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.people.Directory;
import dev.earshot.response.queue.TaskQueueReader;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskNotFoundException;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.response.task.TaskViews;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Claims the first open task that needs a reply in queue order; 204 when there is none. The answer is the
 * claimed task's summary (its conversation is at GET /tasks/{id}). One SQL statement (claim + audit entry,
 * {@link TaskQueueReader#claimNext}); with an Idempotency-Key the same statement runs inside the transaction
 * that takes the key and stores the answer.
 */
@ApplicationScoped
public class ClaimNext {

    private final TaskQueueReader queue;
    private final TaskRepository tasks;
    private final Idempotency idempotency;
    private final Router router;
    private final Clock clock;
    private final Directory directory;
    private final Idempotency.Answer<TaskSummary> summaryAnswer;

    public ClaimNext(TaskQueueReader queue, TaskRepository tasks, Idempotency idempotency, Router router, Clock clock,
            Directory directory) {
        this.directory = directory;
        this.queue = queue;
        this.tasks = tasks;
        this.idempotency = idempotency;
        this.router = router;
        this.clock = clock;
        this.summaryAnswer = new Idempotency.Answer<>(TaskSummary.class, TaskSummary::id, TaskSummary::version,
                id -> tasks.findById(id).onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                        .map(task -> TaskViews.summary(task, Clocks.now(clock))));
    }

    public Uni<WriteResult<TaskSummary>> claimNext(Caller caller, Preconditions pre, String team) {
        if (team != null && !router.isTeam(team)) {
            return Uni.createFrom().failure(
                    new InvalidRequestException("team must be one of " + String.join(", ", router.teams())));
        }
        // agents claim from their own teams once the directory is in use (Directory.claimTeams)
        return directory.claimTeams(caller, team).flatMap(teams -> {
            if (pre.idempotencyKey() == null) {
                Instant now = Clocks.now(clock);
                return queue.claimNext(caller.name(), teams, now, detail(teams)).map(ClaimNext::claimed);
            }
            return Panache.withTransaction(() -> idempotency.once(caller, pre, summaryAnswer, () -> {
                Instant now = Clocks.now(clock);
                return queue.claimNextInSession(caller.name(), teams, now, detail(teams)).map(ClaimNext::claimed);
            }));
        });
    }

    private static String detail(java.util.List<String> teams) {
        return "claim-next" + (teams == null ? "" : " (team " + String.join(", ", teams) + ")");
    }

    private static WriteResult<TaskSummary> claimed(TaskSummary task) {
        return task == null ? new WriteResult<>(204, null, null) : new WriteResult<>(200, task, task.version());
    }
}
