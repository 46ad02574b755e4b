package dev.earshot.response.workflow;

import static dev.earshot.response.workflow.WorkflowTransaction.change;
import static dev.earshot.response.workflow.WorkflowTransaction.none;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.people.Directory;
import dev.earshot.response.task.PriorityCalculator;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskNoteEntity;
import dev.earshot.response.task.TaskNoteRepository;
import dev.earshot.response.task.TaskReplyEntity;
import dev.earshot.response.task.TaskReplyRepository;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.Tier;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

/**
 * The agents' actions on one task, one method each, each one {@link WorkflowTransaction}: the checks Bean
 * Validation cannot make on the request body ({@link Requests}: sizes, required fields, reasons), then who may
 * do it and from which status (409 otherwise), then the task's own lifecycle method. The allowed
 * transitions are {@link TaskStatus}'s; notes and team moves keep the status.
 */
@ApplicationScoped
public class TaskActions {

    private static final TaskStatus[] ACTIVE = TaskStatus.ACTIVE.toArray(new TaskStatus[0]);

    private final WorkflowTransaction transaction;
    private final TaskRepository tasks;
    private final TaskNoteRepository notes;
    private final TaskReplyRepository replies;
    private final Router router;
    private final PriorityCalculator priorities;
    private final WorkflowConfig config;
    private final Clock clock;
    private final Directory directory;

    public TaskActions(WorkflowTransaction transaction, TaskRepository tasks, TaskNoteRepository notes,
            TaskReplyRepository replies, Router router, PriorityCalculator priorities, WorkflowConfig config,
            Clock clock, Directory directory) {
        this.directory = directory;
        this.transaction = transaction;
        this.tasks = tasks;
        this.notes = notes;
        this.replies = replies;
        this.router = router;
        this.priorities = priorities;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> claim(long id, Caller caller, Preconditions pre) {
        return transaction.run(id, caller, pre, (task, now) -> {
            if (caller.name().equals(task.assignee) && !task.isTerminal()) {
                return none();
            }
            notClaimedByOther(task, caller, false);
            task.requireStatus("claim", TaskStatus.OPEN, TaskStatus.SNOOZED);
            task.claim(caller.name(), now);
            return change("claimed", null);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> assign(long id, Caller caller, Preconditions pre, String assignee) {
        if (!assignee.equals(caller.name()) && !caller.lead()) {
            return Uni.createFrom().failure(new ForbiddenException("only a lead or admin assigns others"));
        }
        return directory.requireAssignable(assignee).flatMap(known -> transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("assign", ACTIVE);
            if (assignee.equals(task.assignee)) {
                return none();
            }
            notClaimedByOther(task, caller, true);
            String before = task.assign(assignee, now);
            return change("assigned", (before == null ? "" : before + " -> ") + assignee);
        }));
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> unassign(long id, Caller caller, Preconditions pre) {
        return transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("unassign", TaskStatus.CLAIMED, TaskStatus.SNOOZED);
            if (task.assignee == null) {
                throw new ConflictException("task " + id + " is not assigned");
            }
            if (!task.assignee.equals(caller.name()) && !caller.lead()) {
                throw new ForbiddenException("only a lead or admin unassigns someone else");
            }
            return change("unassigned", task.unassign());
        });
    }

    /**
     * Snoozes until {@code until}: an ISO-8601 duration from now ({@code PT2H}) or an instant; anything else is a
     * 400 naming both forms.
     */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> snooze(long id, Caller caller, Preconditions pre, String until) {
        Instant at;
        try {
            at = snoozeEnd(until.strip(), Clocks.now(clock));
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return snooze(id, caller, pre, at);
    }

    /** P30D rather than Duration's PT720H, when whole days. */
    private static String days(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    static Instant snoozeEnd(String until, Instant now) {
        try {
            if (until.startsWith("P") || until.startsWith("p") || until.startsWith("-P")) {
                Duration d = Duration.parse(until);
                return d.isNegative() || d.isZero() ? now : now.plus(d);
            }
            return OffsetDateTime.parse(until).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRequestException("until must be an ISO-8601 duration such as PT2H or an instant such as "
                    + "2026-11-26T09:00:00Z (with its offset), not \"" + until + "\"");
        }
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> snooze(long id, Caller caller, Preconditions pre, Instant until) {
        Instant now = Clocks.now(clock);
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(config.maxSnooze()))) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "until must be in the future and at most " + days(config.maxSnooze()) + " ahead"));
        }
        return transaction.run(id, caller, pre, (task, at) -> {
            task.requireStatus("snooze", ACTIVE);
            notClaimedByOther(task, caller, true);
            task.snooze(until.truncatedTo(ChronoUnit.MICROS), at);
            return change("snoozed", "until " + task.snoozedUntil);
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> note(long id, Caller caller, Preconditions pre, String text) {
        return transaction.run(id, caller, pre, (task, now) -> {
            TaskNoteEntity note = new TaskNoteEntity();
            note.taskId = task.id;
            note.author = caller.name();
            note.text = text;
            note.createdAt = now;
            return notes.persist(note).map(n -> new WorkflowTransaction.Change("noted", "note " + n.id));
        });
    }

    /**
     * "Replied, keep open": records a reply (several per task), the task's first response when it had none; the
     * status and assignee stay as they are.
     */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> reply(long id, Caller caller, Preconditions pre, Requests.Reply reply) {
        String invalid = invalidReply(reply);
        if (invalid != null) {
            return Uni.createFrom().failure(new InvalidRequestException(invalid));
        }
        return transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("reply to", ACTIVE);
            notClaimedByOther(task, caller, true);
            return record(task, caller, now, reply).map(recorded -> new WorkflowTransaction.Change("replied",
                    recorded.detail() + sla(recorded.inSla()), true));
        });
    }

    /** Resolves a task, recording {@code reply} first (null: none recorded) through the same path as {@link #reply}. */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> resolve(long id, Caller caller, Preconditions pre, Requests.Reply reply) {
        String invalid = reply == null ? null : invalidReply(reply);
        if (invalid != null) {
            return Uni.createFrom().failure(new InvalidRequestException(invalid));
        }
        return resolve(id, caller, pre, reply, inSla -> "no reply recorded" + sla(inSla));
    }

    /**
     * Resolves a task from a chat tool's button: the same path as {@link #resolve(long, Caller, Preconditions,
     * Requests.Reply)}, without a reply (the reply was made elsewhere and is not recorded).
     */
    @WithTransaction
    public Uni<WriteResult<TaskDetail>> resolveFromChat(long id, Caller caller, String via) {
        return resolve(id, caller, Preconditions.NONE, null, inSla -> "via " + via + "; reply not recorded");
    }

    private Uni<WriteResult<TaskDetail>> resolve(long id, Caller caller, Preconditions pre, Requests.Reply reply,
            java.util.function.Function<Boolean, String> noReplyDetail) {
        return transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("resolve", ACTIVE);
            notClaimedByOther(task, caller, true);
            Uni<Recorded> recorded = reply == null ? Uni.createFrom().nullItem() : record(task, caller, now, reply);
            return recorded.map(r -> {
                boolean inSla = task.resolve(caller.name(), now, null, null);
                return r == null ? new WorkflowTransaction.Change("resolved", noReplyDetail.apply(inSla))
                        : new WorkflowTransaction.Change("resolved", r.detail() + sla(inSla), true);
            });
        });
    }

    /** What recording a reply did: the audit text, and whether it answered the SLA clock in time (null: answered). */
    private record Recorded(String detail, Boolean inSla) {
    }

    /** The one path that records a reply: the row, and the task's reply bookkeeping. */
    private Uni<Recorded> record(TaskEntity task, Caller caller, Instant now, Requests.Reply reply) {
        String text = reply.text();
        Boolean inSla = task.replied(caller.name(), now, reply.link(), text);
        return replies.persist(TaskReplyEntity.of(task.id, caller.name(), reply.channel(), reply.link(), text, now))
                .map(r -> new Recorded("reply " + r.id + " (" + reply.channel()
                        + (reply.link() == null ? "" : " " + reply.link()) + ")", inSla));
    }

    private static String sla(Boolean inSla) {
        return inSla == null ? "" : inSla ? " (within SLA)" : " (SLA missed)";
    }

    /** A public reply has a link; a link is absolute http(s). Null when valid. */
    private static String invalidReply(Requests.Reply reply) {
        if (reply.link() == null) {
            return "public".equals(reply.channel()) ? "a public reply needs its link (reply.link)" : null;
        }
        return isHttpUrl(reply.link()) ? null : "reply link must be an absolute http(s) URL";
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> dismiss(long id, Caller caller, Preconditions pre, String reason,
            Long duplicateOfTaskId) {
        if (duplicateOfTaskId != null && (!"duplicate".equals(reason) || duplicateOfTaskId == id)) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "duplicateOfTaskId goes with reason duplicate and names another task"));
        }
        return transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("dismiss", ACTIVE);
            notClaimedByOther(task, caller, true);
            Uni<Boolean> original = duplicateOfTaskId == null ? Uni.createFrom().item(true)
                    : tasks.findById(duplicateOfTaskId).map(t -> t != null);
            return original.map(exists -> {
                if (!exists) {
                    throw new InvalidRequestException("duplicateOfTaskId " + duplicateOfTaskId + " is not a task");
                }
                task.dismiss(reason, duplicateOfTaskId, now);
                return new WorkflowTransaction.Change("dismissed", reason
                        + (duplicateOfTaskId == null ? "" : " of task " + duplicateOfTaskId));
            });
        });
    }

    @WithTransaction
    public Uni<WriteResult<TaskDetail>> reopen(long id, Caller caller, Preconditions pre) {
        return transaction.run(id, caller, pre, (task, now) -> {
            task.requireStatus("reopen", TaskStatus.RESOLVED, TaskStatus.DISMISSED);
            if (task.status == TaskStatus.RESOLVED && task.assignee != null && !task.assignee.equals(caller.name())
                    && !caller.lead()) {
                throw new ForbiddenException("only a lead or admin reopens a task someone else resolved");
            }
            task.reopen(now, priorities.sla(Tier.valueOf(task.tier)));
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
        return transaction.run(id, caller, pre, (task, now) -> {
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
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
