package dev.earshot.response.queue;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskRepository.QueuePosition;
import dev.earshot.response.task.TaskRepository.TaskFilter;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.web.InvalidRequestException;
import io.smallrye.mutiny.Uni;

/** Reads the queue: validates a listing's parameters into a filter and pages through it in queue order. */
@ApplicationScoped
public class QueueService {

    private static final List<String> STATUSES = TaskStatus.wireNames();

    /**
     * What the queue lists when no status is asked for: tasks still waiting for their answer, except snoozed ones
     * (hidden until they wake; {@code status=snoozed} lists them).
     */
    private static final List<String> ACTIVE_STATUSES = TaskStatus.ACTIVE.stream()
            .filter(s -> s != TaskStatus.SNOOZED).map(TaskStatus::wire).toList();

    static final Set<String> TIERS = Set.of("P1", "P2", "P3", "P4");
    static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");

    private final TaskQueueReader queue;
    private final Router router;
    private final Clock clock;

    public QueueService(TaskQueueReader queue, Router router, Clock clock) {
        this.queue = queue;
        this.router = router;
        this.clock = clock;
    }

    /** The query of a queue listing, as the API received it (null: not given). */
    public record ListQuery(String status, String needsReply, String team, String tier, String source,
            String intent, String sentiment, String assignee, String text, String cursor, int limit) {
    }

    /** A page of the queue, after the position the cursor encodes. */
    public Uni<TaskPage> page(ListQuery query, Caller caller) {
        TaskFilter filter;
        QueuePosition after;
        try {
            filter = filter(query, caller, null);
            after = query.cursor() == null ? null : QueueCursor.decode(query.cursor());
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return page(filter, after, query.limit());
    }

    public Uni<TaskPage> page(TaskFilter filter, QueuePosition after, int limit) {
        return queue.page(filter, after, limit + 1, Clocks.now(clock)).map(rows -> {
            boolean more = rows.size() > limit;
            List<TaskSummary> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                TaskSummary last = page.get(page.size() - 1);
                next = QueueCursor.encode(new QueuePosition(TaskRepository.slaBucket(last.slaDueAt()),
                        last.priorityScore(), last.id()));
            }
            return new TaskPage(page, next);
        });
    }

    public TaskFilter filter(ListQuery q, Caller caller, String authorHandle) {
        List<String> statuses;
        if (q.status() == null || q.status().isBlank()) {
            statuses = ACTIVE_STATUSES;
        } else if ("all".equals(q.status())) {
            statuses = null;
        } else {
            statuses = Arrays.stream(q.status().split(",")).map(String::trim).distinct().toList();
            for (String s : statuses) {
                if (!STATUSES.contains(s)) {
                    throw new InvalidRequestException("status must be all or a comma-separated list of "
                            + String.join(", ", STATUSES));
                }
            }
        }
        Boolean needsReply;
        if (q.needsReply() == null || q.needsReply().isBlank()) {
            needsReply = (q.status() == null || q.status().isBlank()) && authorHandle == null ? Boolean.TRUE : null;
        } else {
            needsReply = switch (q.needsReply()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "any" -> null;
                default -> throw new InvalidRequestException("needsReply must be true, false or any");
            };
        }
        if (q.team() != null && !router.isTeam(q.team())) {
            throw new InvalidRequestException("team must be one of " + String.join(", ", router.teams()));
        }
        if (q.tier() != null && !TIERS.contains(q.tier())) {
            throw new InvalidRequestException("tier must be one of P1, P2, P3, P4");
        }
        if (q.sentiment() != null && !SENTIMENTS.contains(q.sentiment())) {
            throw new InvalidRequestException("sentiment must be one of negative, neutral, positive");
        }
        String text = q.text() == null || q.text().isBlank() ? null : q.text().trim().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > 200) {
            throw new InvalidRequestException("text must be at most 200 characters");
        }
        boolean unassigned = "none".equals(q.assignee());
        String assignee = "me".equals(q.assignee()) ? caller.name() : unassigned ? null : blankToNull(q.assignee());
        return new TaskFilter(statuses, needsReply, q.team(), q.tier(), blankToNull(q.source()),
                blankToNull(q.intent()), q.sentiment(), assignee, unassigned, text, authorHandle);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
