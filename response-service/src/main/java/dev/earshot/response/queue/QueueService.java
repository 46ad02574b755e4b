package dev.earshot.response.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.Paging;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskRepository.QueuePosition;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Uni;

/** Reads the queue: validates a listing's parameters into a filter and pages through it in queue order. */
@ApplicationScoped
public class QueueService {

    /** The statuses, and all. */
    private static final List<String> STATUS_VALUES = Stream.concat(TaskStatus.wireNames().stream(),
            Stream.of("all")).toList();

    /**
     * What the queue lists when no status is asked for: tasks still waiting for their answer, except snoozed ones
     * (hidden until they wake; {@code status=snoozed} lists them).
     */
    private static final List<String> ACTIVE_STATUSES = TaskStatus.ACTIVE.stream()
            .filter(s -> s != TaskStatus.SNOOZED).map(TaskStatus::wire).toList();

    /** The query parameters of the listing, and those of them that take several values. */
    public static final List<String> PARAMETERS = List.of("assignee", "cursor", "intent", "limit", "needsReply",
            "sentiment", "source", "status", "team", "text", "tier");
    public static final List<String> LIST_PARAMETERS = List.of("assignee", "intent", "sentiment", "source",
            "status", "team", "tier");

    static final List<String> TIERS = List.of("P1", "P2", "P3", "P4");
    static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    static final List<String> NEEDS_REPLY = List.of("true", "false", "any");

    private final TaskQueueReader queue;
    private final Router router;
    private final Clock clock;

    public QueueService(TaskQueueReader queue, Router router, Clock clock) {
        this.queue = queue;
        this.router = router;
        this.clock = clock;
    }

    /** A page of the queue as the listing's parameters ask, after the position of their cursor. */
    public Uni<Page<TaskSummary>> page(ListParameters query, Caller caller) {
        TaskFilter filter;
        QueuePosition after;
        int limit;
        try {
            filter = filter(query, caller);
            after = query.cursor() == null ? null : QueueCursor.decode(query.cursor());
            limit = query.limit();
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return page(filter, after, limit);
    }

    public Uni<Page<TaskSummary>> page(TaskFilter filter, QueuePosition after, int limit) {
        return queue.page(filter, after, limit + 1, Clocks.now(clock)).map(rows -> Paging.page(rows, limit,
                summary -> summary, last -> QueueCursor.encode(new QueuePosition(
                        TaskRepository.slaBucket(last.slaDueAt()), last.priorityScore(), last.id()))));
    }

    /**
     * The filter of a listing: every list parameter repeated or comma-separated; tier, sentiment, status, team and
     * needsReply checked against their values (400 naming them); assignee {@code me} is the caller, {@code none}
     * nobody.
     */
    TaskFilter filter(ListParameters q, Caller caller) {
        List<String> status = q.values("status", STATUS_VALUES);
        List<String> statuses;
        if (status.isEmpty()) {
            statuses = ACTIVE_STATUSES;
        } else if (status.contains("all")) {
            if (status.size() > 1) {
                throw new InvalidRequestException("status all goes alone");
            }
            statuses = null;
        } else {
            statuses = status;
        }
        List<String> needsReplyValues = q.values("needsReply", NEEDS_REPLY);
        Boolean needsReply;
        if (needsReplyValues.isEmpty()) {
            needsReply = status.isEmpty() ? Boolean.TRUE : null;
        } else if (needsReplyValues.size() > 1) {
            throw new InvalidRequestException("needsReply takes one value");
        } else {
            needsReply = switch (needsReplyValues.get(0)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            };
        }
        String text = q.value("text") == null ? null : q.value("text").toLowerCase(Locale.ROOT);
        if (text != null && text.length() > 200) {
            throw new InvalidRequestException("text must be at most 200 characters");
        }
        List<String> assignees = new ArrayList<>();
        boolean unassigned = false;
        for (String a : q.values("assignee")) {
            if ("none".equals(a)) {
                unassigned = true;
            } else {
                assignees.add("me".equals(a) ? caller.name() : a);
            }
        }
        return new TaskFilter(statuses, needsReply, q.values("team", router.teams()), q.values("tier", TIERS),
                q.values("source"), q.values("intent"), q.values("sentiment", SENTIMENTS),
                assignees.stream().distinct().toList(), unassigned, text, null);
    }
}
