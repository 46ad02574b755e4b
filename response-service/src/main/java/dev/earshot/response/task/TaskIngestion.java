package dev.earshot.response.task;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.WorkflowConfig;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Turns scored mentions into tasks: one per conversation, its priority, team and SLA. */
@ApplicationScoped
public class TaskIngestion {

    /** Worst first: a task's sentiment label is the worst among its mentions. */
    private static final Map<String, Integer> SENTIMENT_RANK = Map.of("negative", 0, "neutral", 1, "positive", 2);

    /** Longest search text kept per task (title and posts). */
    private static final int SEARCH_TEXT_LIMIT = 20_000;

    /** What recording a mention did. */
    public enum Outcome {
        CREATED_TASK, JOINED_TASK, DUPLICATE
    }

    private final TaskRepository tasks;
    private final MentionRepository mentions;
    private final TaskEventRepository events;
    private final PriorityCalculator priorities;
    private final PriorityConfig priorityConfig;
    private final WorkflowConfig workflow;
    private final Router router;
    private final TaskChanges taskChanges;
    private final Clock clock;

    public TaskIngestion(TaskRepository tasks, MentionRepository mentions, TaskEventRepository events,
            PriorityCalculator priorities, PriorityConfig priorityConfig, WorkflowConfig workflow, Router router,
            TaskChanges taskChanges, Clock clock) {
        this.tasks = tasks;
        this.mentions = mentions;
        this.events = events;
        this.priorities = priorities;
        this.priorityConfig = priorityConfig;
        this.workflow = workflow;
        this.router = router;
        this.taskChanges = taskChanges;
        this.clock = clock;
    }

    /**
     * Stores a mention in its conversation's task, in one transaction. Idempotent on the mention id:
     * a redelivered mention changes nothing, even when it names another conversation (the task that
     * conversation would have got is not kept: no empty task). The task row is locked while the mention is applied, so
     * concurrent mentions of one conversation neither create two tasks nor lose a count. A new
     * mention may raise the task's priority, never lower it; a negative one reopens a resolved task
     * (earshot.workflow.reopen-on-negative) and any new post wakes a snoozed one. Every change is in
     * the audit trail as done by "system".
     */
    @WithTransaction
    public Uni<Outcome> record(ScoredMention scored) {
        ScoredMention.Mention m = scored.mention();
        Instant now = Clocks.now(clock);
        Instant createdAt = mentionTime(m, now);
        String source = m.source() != null ? m.source() : m.id().split(":", 2)[0];
        return tasks.insertIfAbsent(m.conversationId(), source, m.title(), m.permalink(), createdAt, now,
                        now.plus(priorities.sla(Tier.P4)))
                .flatMap(inserted -> tasks.lockByConversation(m.conversationId())
                        .flatMap(task -> mentions.findById(m.id())
                                .flatMap(existing -> {
                                    if (existing != null) {
                                        Log.debugf("mention %s already recorded in task %d", m.id(), existing.taskId);
                                        // re-delivered under another conversation id: drop the task just made for it
                                        return (inserted > 0 ? tasks.delete(task) : Uni.createFrom().voidItem())
                                                .replaceWith(Outcome.DUPLICATE);
                                    }
                                    boolean created = inserted > 0;
                                    MentionEntity mention = toEntity(scored, task.id, source, createdAt, now);
                                    return mentions.countSince(task.id,
                                                    createdAt.minus(priorityConfig.velocity().window()))
                                            .call(recent -> mentions.persist(mention))
                                            .flatMap(recent -> duplicateOf(created, m).flatMap(dupTask -> {
                                                Tier tierBefore = Tier.valueOf(task.tier);
                                                TaskStatus statusBefore = task.status;
                                                List<TaskEventEntity> changes = apply(task, scored, createdAt, now,
                                                        created, dupTask, (int) Math.min(Integer.MAX_VALUE, recent + 1));
                                                return events.persist(changes)
                                                        .call(x -> announce(task, mention, created, tierBefore, now))
                                                        .call(x -> statusBefore == TaskStatus.RESOLVED
                                                                && task.status == TaskStatus.OPEN
                                                                        ? taskChanges.fire(new TaskChange(
                                                                                TaskChange.Kind.REOPENED, task,
                                                                                mention, null, now))
                                                                        : Uni.createFrom().voidItem());
                                            }))
                                            .replaceWith(created ? Outcome.CREATED_TASK : Outcome.JOINED_TASK);
                                })));
    }

    /** What a recorded post changed that others announce: a new task, or a tier raised on an existing one. */
    private Uni<Void> announce(TaskEntity task, MentionEntity latest, boolean created, Tier tierBefore, Instant now) {
        if (created) {
            return taskChanges.fire(new TaskChange(TaskChange.Kind.CREATED, task, latest, null, now));
        }
        if (Tier.valueOf(task.tier).compareTo(tierBefore) < 0) {
            return taskChanges.fire(new TaskChange(TaskChange.Kind.ESCALATED, task, latest, tierBefore.name(), now));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Long> duplicateOf(boolean created, ScoredMention.Mention m) {
        if (!created || m.nearDuplicateOf() == null || m.nearDuplicateOf().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return mentions.findById(m.nearDuplicateOf()).map(first -> first == null ? null : first.taskId);
    }

    private List<TaskEventEntity> apply(TaskEntity task, ScoredMention scored, Instant createdAt, Instant now,
            boolean created, Long duplicateOfTaskId, int recentPosts) {
        ScoredMention.Mention m = scored.mention();
        String label = scored.sentiment().label();
        List<TaskEventEntity> changes = new ArrayList<>();
        TaskStatus statusBefore = task.status;

        task.mentionCount += 1;
        if ("negative".equals(label)) {
            task.negativeCount += 1;
        } else if ("positive".equals(label)) {
            task.positiveCount += 1;
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
        if (task.title == null && m.title() != null) {
            task.title = m.title();
        }
        if (created && m.author() != null) {
            task.authorId = m.author().id();
            task.authorHandle = m.author().handle();
        }
        if (created && duplicateOfTaskId != null && !duplicateOfTaskId.equals(task.id)) {
            task.duplicateOfTaskId = duplicateOfTaskId;
        }
        task.intents = union(task.intents, scored.intents());
        task.matchedRules = union(task.matchedRules, m.matchedRules());
        task.searchText = appendSearchText(task.searchText, created ? m.title() : null, m.text());
        boolean postNeedsReply = scored.urgency() == null || scored.urgency().needsReply() == null
                || scored.urgency().needsReply();
        task.needsReply = task.needsReply || postNeedsReply;

        Tier tierBefore = Tier.valueOf(task.tier);
        Priority priority = priorities.compute(new PriorityInput(
                scored.urgency() == null ? null : scored.urgency().score(),
                scored.urgency() == null ? null : scored.urgency().reasons(),
                scored.sentiment().score(),
                label,
                m.author() == null ? null : m.author().followers(),
                engagement(m.engagement()),
                task.mentionCount,
                recentPosts));
        boolean raised = task.mentionCount == 1 || priority.score() > task.priorityScore;
        if (raised) {
            task.priorityScore = priority.score();
            task.tier = priority.tier().name();
            task.priorityReasons = priority.reasons();
            task.slaDueAt = task.slaStartedAt.plus(priorities.sla(priority.tier()));
        }

        if (!task.teamLocked) {
            Router.Route route = router.route(task.intents, task.source, task.matchedRules, task.searchText);
            if (created || !route.team().equals(task.team)) {
                if (!created) {
                    changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "routed", now, task.status,
                            task.status, task.team + " -> " + route.team() + " (" + route.reason() + ")"));
                }
                task.team = route.team();
                task.routingReason = route.reason();
            }
        }

        if (created) {
            changes.add(0, TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "created", now, null, task.status,
                    "post " + m.id() + "; team " + task.team + " (" + task.routingReason + "); " + task.tier
                            + (task.needsReply ? "" : "; no reply needed")
                            + (task.duplicateOfTaskId == null ? "" : "; near-duplicate of task " + task.duplicateOfTaskId)));
        } else {
            String detail = "post " + m.id() + " (" + label + ")"
                    + (raised && Tier.valueOf(task.tier) != tierBefore ? "; tier " + tierBefore + " -> " + task.tier : "");
            changes.add(0, TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "post-added", now, statusBefore,
                    statusBefore, detail));
            if (task.status == TaskStatus.RESOLVED && "negative".equals(label) && workflow.reopenOnNegative()) {
                task.reopen(now, priorities.sla(Tier.valueOf(task.tier)));
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "reopened-by-post", now,
                        TaskStatus.RESOLVED, TaskStatus.OPEN, "negative post " + m.id()));
            } else if (task.status == TaskStatus.SNOOZED) {
                task.wake();
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken-by-post", now,
                        TaskStatus.SNOOZED, task.status, "post " + m.id()));
            }
        }
        task.version += 1;
        task.updatedAt = now;
        return changes;
    }

    private static String appendSearchText(String current, String title, String text) {
        StringBuilder b = new StringBuilder(current == null ? "" : current);
        for (String part : Arrays.asList(title, text)) {
            if (part != null && !part.isBlank() && b.length() < SEARCH_TEXT_LIMIT) {
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                b.append(part.toLowerCase(Locale.ROOT));
            }
        }
        return b.length() > SEARCH_TEXT_LIMIT ? b.substring(0, SEARCH_TEXT_LIMIT) : b.toString();
    }

    private static List<String> union(List<String> current, List<String> more) {
        LinkedHashSet<String> all = new LinkedHashSet<>(current == null ? List.of() : current);
        if (more != null) {
            more.stream().filter(v -> v != null && !v.isBlank()).forEach(all::add);
        }
        return List.copyOf(all);
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

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
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
            e.authorId = m.author().id();
            e.authorHandle = m.author().handle();
            e.authorDisplayName = m.author().displayName();
            e.authorFollowers = m.author().followers();
            e.authorProfileUrl = m.author().profileUrl();
        }
        e.text = m.text();
        e.title = m.title();
        e.createdAt = createdAt;
        e.editedAt = m.editedAt() == null ? null : m.editedAt().truncatedTo(ChronoUnit.MICROS);
        e.links = nonNull(m.links());
        e.matchedRules = nonNull(m.matchedRules());
        e.nearDuplicateOf = m.nearDuplicateOf();
        e.sentimentLabel = scored.sentiment().label();
        e.sentimentScore = scored.sentiment().score();
        e.sentimentDrivers = scored.sentiment().drivers() == null ? List.of()
                : scored.sentiment().drivers().stream().filter(d -> d != null && d.token() != null)
                        .map(d -> d.token() + ":" + (d.weight() == null ? "" : d.weight())).toList();
        if (scored.urgency() != null) {
            e.urgencyScore = scored.urgency().score();
            e.urgencyLevel = scored.urgency().level();
            e.urgencyReasons = nonNull(scored.urgency().reasons());
            e.needsReply = scored.urgency().needsReply();
        } else {
            e.urgencyReasons = List.of();
        }
        e.intents = nonNull(scored.intents());
        e.language = scored.language();
        e.languageSupported = scored.languageSupported();
        e.modelVersion = scored.modelVersion();
        e.receivedAt = now;
        return e;
    }

}
