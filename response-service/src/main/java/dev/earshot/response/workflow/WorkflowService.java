package dev.earshot.response.workflow;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Idempotency;
import dev.earshot.response.common.IdempotencyRepository;
import dev.earshot.response.common.PreconditionRequiredException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.StaleVersionException;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.queue.TaskQueueReader;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChanges;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskEventEntity;
import dev.earshot.response.task.TaskEventRepository;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TaskNotFoundException;
import dev.earshot.response.task.TaskNoteEntity;
import dev.earshot.response.task.TaskNoteRepository;
import dev.earshot.response.task.TaskReader;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.response.task.TaskViews;
import dev.earshot.response.task.ViewerRepository;
import dev.earshot.response.task.ViewerView;
import dev.earshot.response.task.Viewers;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/**
 * The response workflow. Every change of a task goes through one method per action, each one
 * transaction that locks the task, checks If-Match and the status transition, applies the change,
 * bumps the version and writes the audit trail, and the task change of a resolve (which the webhook outbox turns into task.resolved) in
 * the same transaction.
 *
 * <pre>
 * open     -> claimed (claim, claim-next, assign), snoozed, resolved, dismissed
 * claimed  -> open (unassign), claimed (assign to someone else), snoozed, resolved, dismissed
 * snoozed  -> open or claimed (woken: time up or a new post), snoozed, resolved, dismissed
 * resolved -> open (reopen; or a negative post, see earshot.workflow.reopen-on-negative)
 * dismissed-> open (reopen)
 * </pre>
 * Anything else is a 409. Notes and team moves keep the status.
 */
@ApplicationScoped
public class WorkflowService {

    static final Set<String> DISMISS_REASONS = Set.of("spam", "irrelevant", "duplicate");
    static final int MAX_NOTE = 10_000;
    static final int MAX_REPLY = 10_000;
    static final int MAX_NAME = 200;

    private final TaskRepository tasks;
    private final TaskEventRepository events;
    private final TaskNoteRepository notes;
    private final ViewerRepository viewers;
    private final TaskReader reader;
    private final TaskIngestion ingestion;
    private final Clock clock;
    private final Idempotency idempotency;
    private final WorkflowConfig config;
    private final Router router;
    private final IdempotencyRepository idempotencyKeys;
    private final TaskQueueReader queue;
    private final MentionRepository mentions;
    private final TaskChanges taskChanges;
    private final Idempotency.Answer<TaskDetail> detailAnswer;
    private final Idempotency.Answer<TaskSummary> summaryAnswer;

    public WorkflowService(TaskRepository tasks, TaskEventRepository events, TaskNoteRepository notes,
            ViewerRepository viewers, TaskReader reader, TaskIngestion ingestion, Clock clock, Idempotency idempotency, WorkflowConfig config,
            Router router, IdempotencyRepository idempotencyKeys, TaskQueueReader queue, MentionRepository mentions,
            TaskChanges taskChanges) {
        this.mentions = mentions;
        this.taskChanges = taskChanges;
        this.idempotencyKeys = idempotencyKeys;
        this.queue = queue;
        this.tasks = tasks;
        this.events = events;
        this.notes = notes;
        this.viewers = viewers;
        this.reader = reader;
        this.ingestion = ingestion;
        this.clock = clock;
        this.idempotency = idempotency;
        this.config = config;
        this.router = router;
        this.detailAnswer = new Idempotency.Answer<>(TaskDetail.class, TaskDetail::id, TaskDetail::version,
                id -> tasks.findById(id).onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                        .flatMap(reader::detail));
        this.summaryAnswer = new Idempotency.Answer<>(TaskSummary.class, TaskSummary::id, TaskSummary::version,
                id -> tasks.findById(id).onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                        .map(task -> TaskViews.summary(task, Clocks.now(clock))));
    }

    /** What an action did, for the audit trail; null when it changed nothing. */
    record Change(String action, String detail) {
    }

    @FunctionalInterface
    interface Mutation {
        Uni<Change> apply(TaskEntity task, Instant now);
    }

    /**
     * Claims the first open task that needs a reply in queue order; 204 when there is none. The
     * answer is the claimed task's summary (its conversation is at GET /tasks/{id}). Without an
     * Idempotency-Key this is one SQL statement (claim + audit entry) on the reactive client; with
     * one, the key is taken and its answer stored in the same transaction as the claim.
     */
    public Uni<WriteResult<TaskSummary>> claimNext(Caller caller, Preconditions pre, String team) {
        if (team != null && !router.isTeam(team)) {
            return Uni.createFrom().failure(
                    new InvalidRequestException("team must be one of " + String.join(", ", router.teams())));
        }
        if (pre.idempotencyKey() != null) {
            return claimNextOnce(caller, pre, team);
        }
        Instant now = Clocks.now(clock);
        return queue.claimNext(caller.name(), team, now, claimDetail(team)).map(WorkflowService::claimed);
    }

    private Uni<WriteResult<TaskSummary>> claimNextOnce(Caller caller, Preconditions pre, String team) {
        return Panache.withTransaction(() -> idempotency.once(caller, pre, summaryAnswer, () -> {
            Instant now = Clocks.now(clock);
            return tasks.claimNext(caller.name(), team, now, claimDetail(team))
                    .map(task -> claimed(task == null ? null : TaskViews.summary(task, now)));
        }));
    }

    private static String claimDetail(String team) {
        return "claim-next" + (team == null ? "" : " (team " + team + ")");
    }

    private static WriteResult<TaskSummary> claimed(TaskSummary task) {
        return task == null ? new WriteResult<>(204, null, null) : new WriteResult<>(200, task, task.version());
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> claim(long id, Caller caller, Preconditions pre) {
        return change(id, caller, pre, (task, now) -> {
            if (caller.name().equals(task.assignee) && !isTerminal(task)) {
                return none();
            }
            notClaimedByOther(task, caller, false);
            requireStatus(task, "claim", "open", "snoozed");
            task.status = "claimed";
            task.assignee = caller.name();
            task.claimedAt = now;
            task.snoozedUntil = null;
            return change("claimed", null);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> assign(long id, Caller caller, Preconditions pre, String assignee) {
        if (assignee == null || assignee.isBlank() || assignee.length() > MAX_NAME) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "assignee must be 1 to " + MAX_NAME + " characters"));
        }
        if (!assignee.equals(caller.name()) && !caller.lead()) {
            return Uni.createFrom().failure(new ForbiddenException("only a lead or admin assigns others"));
        }
        return change(id, caller, pre, (task, now) -> {
            requireStatus(task, "assign", "open", "claimed", "snoozed");
            if (assignee.equals(task.assignee)) {
                return none();
            }
            notClaimedByOther(task, caller, true);
            String before = task.assignee;
            task.assignee = assignee;
            task.claimedAt = now;
            if (!"snoozed".equals(task.status)) {
                task.status = "claimed";
            }
            return change("assigned", (before == null ? "" : before + " -> ") + assignee);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> unassign(long id, Caller caller, Preconditions pre) {
        return change(id, caller, pre, (task, now) -> {
            requireStatus(task, "unassign", "claimed", "snoozed");
            if (task.assignee == null) {
                throw new ConflictException("task " + id + " is not assigned");
            }
            if (!task.assignee.equals(caller.name()) && !caller.lead()) {
                throw new ForbiddenException("only a lead or admin unassigns someone else");
            }
            String before = task.assignee;
            task.assignee = null;
            task.claimedAt = null;
            if ("claimed".equals(task.status)) {
                task.status = "open";
            }
            return change("unassigned", before);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> snooze(long id, Caller caller, Preconditions pre, Instant until) {
        Instant now = Clocks.now(clock);
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(config.maxSnooze()))) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "until must be a future instant at most " + config.maxSnooze() + " ahead"));
        }
        return change(id, caller, pre, (task, at) -> {
            requireStatus(task, "snooze", "open", "claimed", "snoozed");
            notClaimedByOther(task, caller, true);
            task.status = "snoozed";
            task.snoozedUntil = until.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            return change("snoozed", "until " + task.snoozedUntil);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> note(long id, Caller caller, Preconditions pre, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_NOTE) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "text must be 1 to " + MAX_NOTE + " characters"));
        }
        return change(id, caller, pre, (task, now) -> {
            TaskNoteEntity note = new TaskNoteEntity();
            note.taskId = task.id;
            note.author = caller.name();
            note.text = text;
            note.createdAt = now;
            return notes.persist(note).map(n -> new Change("noted", "note " + n.id));
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> resolve(long id, Caller caller, Preconditions pre, String replyUrl,
            String replyText) {
        if (!isHttpUrl(replyUrl)) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "replyUrl must be the absolute http(s) link of the public reply"));
        }
        if (replyText == null || replyText.isBlank() || replyText.length() > MAX_REPLY) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "replyText must be 1 to " + MAX_REPLY + " characters"));
        }
        return change(id, caller, pre, (task, now) -> {
            requireStatus(task, "resolve", "open", "claimed", "snoozed");
            notClaimedByOther(task, caller, true);
            task.status = "resolved";
            task.snoozedUntil = null;
            task.resolvedAt = now;
            task.replyUrl = replyUrl;
            task.replyText = replyText;
            boolean inSla = respond(task, caller, now);
            return change("resolved", replyUrl + (inSla ? " (within SLA)" : " (SLA missed)"));
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> dismiss(long id, Caller caller, Preconditions pre, String reason,
            Long duplicateOfTaskId) {
        if (reason == null || !DISMISS_REASONS.contains(reason)) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "reason must be one of spam, irrelevant, duplicate"));
        }
        if (duplicateOfTaskId != null && (!"duplicate".equals(reason) || duplicateOfTaskId == id)) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "duplicateOfTaskId goes with reason duplicate and names another task"));
        }
        return change(id, caller, pre, (task, now) -> {
            requireStatus(task, "dismiss", "open", "claimed", "snoozed");
            notClaimedByOther(task, caller, true);
            Uni<Boolean> original = duplicateOfTaskId == null ? Uni.createFrom().item(true)
                    : tasks.findById(duplicateOfTaskId).map(t -> t != null);
            return original.map(exists -> {
                if (!exists) {
                    throw new InvalidRequestException("duplicateOfTaskId " + duplicateOfTaskId + " is not a task");
                }
                task.status = "dismissed";
                task.snoozedUntil = null;
                task.dismissReason = reason;
                if (duplicateOfTaskId != null) {
                    task.duplicateOfTaskId = duplicateOfTaskId;
                }
                return new Change("dismissed", reason
                        + (duplicateOfTaskId == null ? "" : " of task " + duplicateOfTaskId));
            });
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> reopen(long id, Caller caller, Preconditions pre) {
        return change(id, caller, pre, (task, now) -> {
            requireStatus(task, "reopen", "resolved", "dismissed");
            if ("resolved".equals(task.status) && task.assignee != null && !task.assignee.equals(caller.name())
                    && !caller.lead()) {
                throw new ForbiddenException("only a lead or admin reopens a task someone else resolved");
            }
            task.status = "open";
            task.assignee = null;
            task.claimedAt = null;
            task.resolvedAt = null;
            task.dismissReason = null;
            ingestion.restartSla(task, now);
            return change("reopened", null);
        });
    }

    /** Moves a task to another team; routing rules no longer move it afterwards. */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> route(long id, Caller caller, Preconditions pre, String team) {
        if (!caller.lead()) {
            return Uni.createFrom().failure(new ForbiddenException("only a lead or admin moves tasks between teams"));
        }
        if (team == null || !router.isTeam(team)) {
            return Uni.createFrom().failure(
                    new InvalidRequestException("team must be one of " + String.join(", ", router.teams())));
        }
        return change(id, caller, pre, (task, now) -> {
            if (team.equals(task.team) && task.teamLocked) {
                return none();
            }
            String before = task.team;
            task.team = team;
            task.teamLocked = true;
            task.routingReason = "moved by " + caller.name();
            return change("routed", before + " -> " + team);
        });
    }

    /** A "viewing" heartbeat: shows the caller on the task until the heartbeat expires. */
    @WithTransaction
    public Uni<Viewers> viewing(long id, Caller caller, boolean leaving) {
        Instant now = Clocks.now(clock);
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> (leaving ? viewers.leave(id, caller.name())
                        : viewers.beat(id, caller.name(), now.plus(config.viewingTtl())))
                        .flatMap(x -> viewers.active(id, now))
                        .map(list -> new Viewers(id, task.assignee,
                                list.stream().map(v -> new ViewerView(v.viewer(), v.until())).toList())));
    }

    /** Wakes snoozed tasks whose time has come (as "system", in the audit trail). Returns how many. */
    @WithTransaction
    public Uni<Integer> wakeDueSnoozed() {
        Instant now = Clocks.now(clock);
        return tasks.lockDueSnoozed(now, 500).flatMap(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<TaskEventEntity> woken = due.stream().map(task -> {
                task.status = task.assignee == null ? "open" : "claimed";
                task.snoozedUntil = null;
                task.version += 1;
                task.updatedAt = now;
                return TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken", now, "snoozed", task.status,
                        "snooze over");
            }).toList();
            return events.persist(woken).replaceWith(due.size());
        });
    }

    /**
     * Forgets viewers whose heartbeat expired, Idempotency-Keys older than their TTL and each caller's oldest
     * keys beyond earshot.workflow.idempotency-max-keys-per-caller.
     */
    @WithTransaction
    public Uni<Integer> expire() {
        Instant now = Clocks.now(clock);
        return viewers.deleteExpired(now)
                .flatMap(v -> idempotencyKeys.deleteExpired(now.minus(config.idempotencyTtl())).map(k -> v + k))
                .flatMap(n -> idempotencyKeys.deleteBeyond(config.idempotencyMaxKeysPerCaller()).map(k -> n + k));
    }

    /**
     * Resolves a task from a chat tool's button: the same status rules and first-response bookkeeping as
     * {@link #resolve}, without a reply link or text (the reply was made elsewhere and is not recorded).
     */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> resolveFromChat(long id, Caller caller, String via) {
        return change(id, caller, Preconditions.NONE, (task, now) -> {
            requireStatus(task, "resolve", "open", "claimed", "snoozed");
            notClaimedByOther(task, caller, true);
            task.status = "resolved";
            task.snoozedUntil = null;
            task.resolvedAt = now;
            respond(task, caller, now);
            return change("resolved", "via " + via + "; reply not recorded");
        });
    }

    /**
     * Records a resolve as the answer of the current SLA clock and, the first time only, as the task's first
     * response (a reopen restarts the clock but never rewrites the first response). Whether it was in time.
     */
    private static boolean respond(TaskEntity task, Caller caller, Instant now) {
        if (task.assignee == null) {
            task.assignee = caller.name();
            task.claimedAt = now;
        }
        boolean inSla = !now.isAfter(task.slaDueAt);
        task.respondedAt = now;
        if (task.firstResponseAt == null) {
            task.firstResponseAt = now;
            task.firstResponseBy = caller.name();
            task.firstResponseInSla = inSla;
            task.firstResponseSeconds = Duration.between(task.slaStartedAt, now).toNanos() / 1e9;
        }
        return inSla;
    }

    private Uni<WriteResult<TaskDetail>> change(long id, Caller caller, Preconditions pre, Mutation mutation) {
        return idempotency.once(caller, pre, detailAnswer, () -> tasks.lock(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> {
                    checkIfMatch(task, pre);
                    String from = task.status;
                    Instant now = Clocks.now(clock);
                    return mutation.apply(task, now).flatMap(change -> {
                        if (change == null) {
                            return Uni.createFrom().item(task);
                        }
                        task.version += 1;
                        task.updatedAt = now;
                        return events.persist(TaskEventEntity.of(task.id, caller.name(), change.action(), now, from,
                                task.status, change.detail()))
                                .call(x -> "resolved".equals(change.action())
                                        ? mentions.latestOfTask(task.id).flatMap(latest -> taskChanges.fire(
                                                new TaskChange(TaskChange.Kind.RESOLVED, task, latest, null, now)))
                                        : Uni.createFrom().voidItem())
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
        if (ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("\"" + task.version + "\"")) {
                return;
            }
        }
        throw new StaleVersionException("task " + task.id + " changed since you read it (now version "
                + task.version + "); read it again");
    }

    private static boolean isTerminal(TaskEntity task) {
        return "resolved".equals(task.status) || "dismissed".equals(task.status);
    }

    private static void requireStatus(TaskEntity task, String action, String... allowed) {
        for (String s : allowed) {
            if (s.equals(task.status)) {
                return;
            }
        }
        throw new ConflictException("cannot " + action + " task " + task.id + " while it is " + task.status);
    }

    /** Agents do not take over each other's claimed tasks; leads and admins may when {@code leadMay}. */
    private static void notClaimedByOther(TaskEntity task, Caller caller, boolean leadMay) {
        if (task.assignee != null && !task.assignee.equals(caller.name()) && !(leadMay && caller.lead())) {
            throw new ConflictException("task " + task.id + " is claimed by " + task.assignee);
        }
    }

    private static boolean isHttpUrl(String value) {
        if (value == null || value.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Uni<Change> change(String action, String detail) {
        return Uni.createFrom().item(new Change(action, detail));
    }

    private static Uni<Change> none() {
        return Uni.createFrom().nullItem();
    }
}
