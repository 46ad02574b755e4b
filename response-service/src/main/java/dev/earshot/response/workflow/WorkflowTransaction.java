package dev.earshot.response.workflow;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.Idempotency;
import dev.earshot.response.common.IfMatch;
import dev.earshot.response.common.PreconditionRequiredException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChanges;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskEventEntity;
import dev.earshot.response.task.TaskEventRepository;
import dev.earshot.response.task.TaskNotFoundException;
import dev.earshot.response.task.TaskReader;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The frame of every workflow action, in the caller's transaction: take the Idempotency-Key, lock the task,
 * check If-Match, apply the action, bump the version, write the audit entry (and the task changes of a recorded
 * reply and of a resolve, which the webhook outbox turns into task.replied and task.resolved), answer the task's
 * detail with its new ETag.
 */
@ApplicationScoped
public class WorkflowTransaction {

    /** What an action did, for the audit trail; null when it changed nothing. {@code replied}: it recorded a reply. */
    public record Change(String action, String detail, boolean replied) {

        public Change(String action, String detail) {
            this(action, detail, false);
        }
    }

    /** One action on a locked task. */
    @FunctionalInterface
    public interface Action {
        Uni<Change> apply(TaskEntity task, Instant now);
    }

    private final TaskRepository tasks;
    private final TaskEventRepository events;
    private final MentionRepository mentions;
    private final TaskChanges taskChanges;
    private final TaskReader reader;
    private final Idempotency idempotency;
    private final WorkflowConfig config;
    private final Clock clock;
    private final Idempotency.Answer<TaskDetail> detailAnswer;

    public WorkflowTransaction(TaskRepository tasks, TaskEventRepository events, MentionRepository mentions,
            TaskChanges taskChanges, TaskReader reader, Idempotency idempotency, WorkflowConfig config, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.mentions = mentions;
        this.taskChanges = taskChanges;
        this.reader = reader;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
        this.detailAnswer = new Idempotency.Answer<>(TaskDetail.class, TaskDetail::id, TaskDetail::version,
                id -> tasks.findById(id).onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                        .flatMap(reader::detail));
    }

    static Uni<Change> change(String action, String detail) {
        return Uni.createFrom().item(new Change(action, detail));
    }

    static Uni<Change> none() {
        return Uni.createFrom().nullItem();
    }

    public Uni<WriteResult<TaskDetail>> run(long id, Caller caller, Preconditions pre, Action action) {
        return idempotency.once(caller, pre, detailAnswer, () -> tasks.lock(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> {
                    checkIfMatch(task, pre);
                    TaskStatus from = task.status;
                    Instant now = Clocks.now(clock);
                    return action.apply(task, now).flatMap(change -> {
                        if (change == null) {
                            return Uni.createFrom().item(task);
                        }
                        task.version += 1;
                        task.updatedAt = now;
                        return events.persist(TaskEventEntity.of(task.id, caller.name(), change.action(), now, from,
                                task.status, change.detail()))
                                .call(x -> change.replied() ? mentions.latestOfTask(task.id).flatMap(latest ->
                                        taskChanges.fire(new TaskChange(TaskChange.Kind.REPLIED, task, latest, null,
                                                now))) : Uni.createFrom().voidItem())
                                .call(x -> from != TaskStatus.RESOLVED && task.status == TaskStatus.RESOLVED
                                        ? mentions.latestOfTask(task.id).flatMap(latest -> taskChanges.fire(
                                                new TaskChange(TaskChange.Kind.RESOLVED, task, latest, null, now)))
                                        : from != TaskStatus.OPEN && task.status == TaskStatus.OPEN
                                                && "reopened".equals(change.action())
                                        ? mentions.latestOfTask(task.id).flatMap(latest -> taskChanges.fire(
                                                new TaskChange(TaskChange.Kind.REOPENED, task, latest, null, now)))
                                        : Uni.createFrom().voidItem())
                                .call(x -> taskChanges.fire(new TaskChange(TaskChange.Kind.UPDATED, task, null, null,
                                        now)))
                                .replaceWith(task);
                    });
                })
                .call(task -> Panache.getSession().flatMap(s -> s.flush()))
                .flatMap(reader::detail)
                .map(d -> new WriteResult<>(200, d, d.version())));
    }

    private void checkIfMatch(TaskEntity task, Preconditions pre) {
        String ifMatch = pre.ifMatch();
        if (ifMatch == null) {
            if (config.requireIfMatch()) {
                throw new PreconditionRequiredException("send If-Match with the ETag of the task you read");
            }
            return;
        }
        IfMatch.check(ifMatch, task.version, "task " + task.id + " changed since you read it (now version "
                + task.version + "); read it again");
    }
}
