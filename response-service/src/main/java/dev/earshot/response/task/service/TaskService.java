package dev.earshot.response.task.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.api.MentionView;
import dev.earshot.response.task.api.TaskDetail;
import dev.earshot.response.task.api.TaskPage;
import dev.earshot.response.task.api.TaskSummary;
import dev.earshot.response.task.messaging.ScoredMention;
import dev.earshot.response.task.repository.MentionEntity;
import dev.earshot.response.task.repository.MentionRepository;
import dev.earshot.response.task.repository.TaskEntity;
import dev.earshot.response.task.repository.TaskRepository;
import dev.earshot.response.task.repository.TaskRepository.QueuePosition;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Turns scored mentions into tasks (one per conversation) and reads the queue. */
@ApplicationScoped
public class TaskService {

    /** Task statuses; new tasks are open. */
    public static final Set<String> STATUSES = Set.of("open", "in_progress", "resolved");

    /** Worst first: a task's sentiment label is the worst among its mentions. */
    private static final Map<String, Integer> SENTIMENT_RANK = Map.of("negative", 0, "neutral", 1, "positive", 2);

    /** What recording a mention did. */
    public enum Outcome {
        CREATED_TASK, JOINED_TASK, DUPLICATE
    }

    private final TaskRepository tasks;
    private final MentionRepository mentions;
    private final PriorityCalculator priorities;
    private final Clock clock = Clock.systemUTC();

    public TaskService(TaskRepository tasks, MentionRepository mentions, PriorityCalculator priorities) {
        this.tasks = tasks;
        this.mentions = mentions;
        this.priorities = priorities;
    }

    /**
     * Stores a mention in its conversation's task, in one transaction. Idempotent on the mention id:
     * a redelivered mention changes nothing. The task row is locked while the mention is applied, so
     * concurrent mentions of one conversation neither create two tasks nor lose a count. A new
     * mention may raise the task's priority, never lower it.
     */
    @WithTransaction
    public Uni<Outcome> record(ScoredMention scored) {
        ScoredMention.Mention m = scored.mention();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant createdAt = mentionTime(m, now);
        String source = m.source() != null ? m.source() : m.id().split(":", 2)[0];
        return tasks.insertIfAbsent(m.conversationId(), source, m.title(), m.permalink(), createdAt, now,
                        now.plus(priorities.sla(Tier.P4)))
                .flatMap(inserted -> tasks.lockByConversation(m.conversationId())
                        .flatMap(task -> mentions.findById(m.id())
                                .flatMap(existing -> {
                                    if (existing != null) {
                                        Log.debugf("mention %s already recorded in task %d", m.id(), task.id);
                                        return Uni.createFrom().item(Outcome.DUPLICATE);
                                    }
                                    MentionEntity mention = toEntity(scored, task.id, source, createdAt, now);
                                    apply(task, scored, createdAt, now);
                                    return mentions.persist(mention)
                                            .replaceWith(inserted > 0 ? Outcome.CREATED_TASK : Outcome.JOINED_TASK);
                                })));
    }

    private void apply(TaskEntity task, ScoredMention scored, Instant createdAt, Instant now) {
        String label = scored.sentiment().label();
        task.mentionCount += 1;
        if ("negative".equals(label)) {
            task.negativeCount += 1;
        }
        if (task.sentimentLabel == null
                || SENTIMENT_RANK.getOrDefault(label, 1) < SENTIMENT_RANK.getOrDefault(task.sentimentLabel, 1)) {
            task.sentimentLabel = label;
        }
        if (createdAt.isBefore(task.firstMentionAt)) {
            task.firstMentionAt = createdAt;
        }
        if (createdAt.isAfter(task.lastMentionAt)) {
            task.lastMentionAt = createdAt;
        }
        if (task.title == null && scored.mention().title() != null) {
            task.title = scored.mention().title();
        }
        ScoredMention.Mention m = scored.mention();
        Priority priority = priorities.compute(new PriorityInput(
                scored.urgency() == null ? null : scored.urgency().score(),
                scored.urgency() == null ? null : scored.urgency().reasons(),
                scored.sentiment().score(),
                label,
                m.author() == null ? null : m.author().followers(),
                engagement(m.engagement()),
                task.mentionCount));
        if (task.mentionCount == 1 || priority.score() > task.priorityScore) {
            task.priorityScore = priority.score();
            task.tier = priority.tier().name();
            task.priorityReasons = priority.reasons();
            task.slaDueAt = task.createdAt.plus(priorities.sla(priority.tier()));
        }
        task.updatedAt = now;
    }

    /** A page of the queue, after the position the cursor encodes. */
    @WithSession
    public Uni<TaskPage> page(String status, String cursor, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "status must be one of " + String.join(", ", STATUSES.stream().sorted().toList())));
        }
        QueuePosition after;
        try {
            after = cursor == null ? null : QueueCursor.decode(cursor);
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return tasks.page(status, after, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<TaskEntity> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                TaskEntity last = page.get(page.size() - 1);
                next = QueueCursor.encode(new QueuePosition(last.priorityScore, last.slaDueAt, last.id));
            }
            return new TaskPage(page.stream().map(TaskService::summary).toList(), next);
        });
    }

    /** A task with its mentions, oldest first. */
    @WithSession
    public Uni<TaskDetail> get(long id) {
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> mentions.ofTask(id).map(list -> detail(task, list)));
    }

    private static Instant mentionTime(ScoredMention.Mention m, Instant now) {
        Instant t = m.createdAt() != null ? m.createdAt() : m.fetchedAt() != null ? m.fetchedAt() : now;
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private static Long engagement(ScoredMention.Engagement e) {
        if (e == null || (e.likes() == null && e.replies() == null && e.shares() == null)) {
            return null;
        }
        return nz(e.likes()) + nz(e.replies()) + nz(e.shares());
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static MentionEntity toEntity(ScoredMention scored, long taskId, String source, Instant createdAt,
            Instant now) {
        ScoredMention.Mention m = scored.mention();
        MentionEntity e = new MentionEntity();
        e.id = m.id();
        e.taskId = taskId;
        e.conversationId = m.conversationId();
        e.source = source;
        e.permalink = m.permalink();
        if (m.author() != null) {
            e.authorHandle = m.author().handle();
            e.authorDisplayName = m.author().displayName();
            e.authorFollowers = m.author().followers();
        }
        e.text = m.text();
        e.title = m.title();
        e.createdAt = createdAt;
        e.sentimentLabel = scored.sentiment().label();
        e.sentimentScore = scored.sentiment().score();
        if (scored.urgency() != null) {
            e.urgencyScore = scored.urgency().score();
            e.urgencyLevel = scored.urgency().level();
            e.urgencyReasons = scored.urgency().reasons() == null ? List.of() : scored.urgency().reasons();
        } else {
            e.urgencyReasons = List.of();
        }
        e.intents = scored.intents() == null ? List.of() : scored.intents();
        e.language = scored.language();
        e.modelVersion = scored.modelVersion();
        e.receivedAt = now;
        return e;
    }

    private static TaskSummary summary(TaskEntity t) {
        return new TaskSummary(t.id, t.conversationId, t.source, t.title, t.permalink, t.status, t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.firstMentionAt,
                t.lastMentionAt, t.createdAt, t.slaDueAt);
    }

    private static TaskDetail detail(TaskEntity t, List<MentionEntity> list) {
        return new TaskDetail(t.id, t.conversationId, t.source, t.title, t.permalink, t.status, t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.firstMentionAt,
                t.lastMentionAt, t.createdAt, t.updatedAt, t.slaDueAt,
                list.stream().map(m -> new MentionView(m.id, m.source, m.permalink, m.authorHandle,
                        m.authorDisplayName, m.authorFollowers, m.title, m.text, m.createdAt, m.sentimentLabel,
                        m.sentimentScore, m.urgencyScore, m.urgencyLevel, m.urgencyReasons, m.intents, m.language,
                        m.modelVersion, m.receivedAt)).toList());
    }
}
