package dev.earshot.response.task;

import java.time.Clock;
import java.time.Duration;
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
        if (!task.isCorrected("sentiment") && (task.sentimentLabel == null
                || SENTIMENT_RANK.getOrDefault(label, 1) < SENTIMENT_RANK.getOrDefault(task.sentimentLabel, 1))) {
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
        if (!task.isCorrected("intents")) { // a person's correction wins over the model
            task.intents = union(task.intents, scored.intents());
        }
        task.matchedRules = union(task.matchedRules, m.matchedRules());
        task.searchText = appendSearchText(task.searchText, created ? m.title() : null, m.text());
        boolean postNeedsReply = needsReply(scored);
        boolean neededReplyBefore = task.needsReply;
        task.needsReply = task.isCorrected("needsReply") ? task.needsReply : task.needsReply || postNeedsReply;
        if (postNeedsReply) {
            startSlaAtPost(task, created, neededReplyBefore, createdAt, now);
            if (task.replyPostAt == null || !createdAt.isBefore(task.replyPostAt)) {
                task.replyPostAt = createdAt;
                task.replyExcerpt = excerpt(m.text() != null && !m.text().isBlank() ? m.text() : m.title());
                task.replyLanguage = scored.language();
            }
        } else if (created) {
            task.slaStartedAt = createdAt;
        }

        Tier tierBefore = Tier.valueOf(task.tier);
        Priority priority = priorities.compute(conversationInput(task, scored, recentPosts));
        boolean raised = !task.isCorrected("tier") && (task.mentionCount == 1 || priority.score() > task.priorityScore);
        if (raised) {
            task.priorityScore = priority.score();
            task.tier = priority.tier().name();
        }
        // the reasons always describe the conversation as it is now (its inputs only grow, as the score does)
        task.priorityReasons = priority.reasons();
        task.slaDueAt = task.slaDue(priorities.sla(Tier.valueOf(task.tier)));

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
                // the new clock counts from the customer's post, like the first one
                task.reopen(createdAt, priorities.sla(Tier.valueOf(task.tier)));
                task.ingestLagSeconds = lagSeconds(createdAt, now);
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "reopened-by-post", now,
                        TaskStatus.RESOLVED, TaskStatus.OPEN, "negative post " + m.id()));
            } else if (task.status == TaskStatus.SNOOZED) {
                task.wake(now);
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken-by-post", now,
                        TaskStatus.SNOOZED, task.status, "post " + m.id()));
            }
            followUpGoesToReplier(task, m.id(), createdAt, now, changes);
        }
        task.version += 1;
        task.updatedAt = now;
        return changes;
    }

    /**
     * A customer's follow-up (a post written after the latest recorded reply) on a task still being worked goes back
     * to the agent who replied last.
     */
    private static void followUpGoesToReplier(TaskEntity task, String postId, Instant createdAt, Instant now,
            List<TaskEventEntity> changes) {
        if (task.lastReplyBy == null || !task.status.isActive() || createdAt.isBefore(task.lastReplyAt)
                || task.lastReplyBy.equals(task.assignee)) {
            return;
        }
        TaskStatus before = task.status;
        String previous = task.assign(task.lastReplyBy, now);
        changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "assigned-by-post", now, before, task.status,
                (previous == null ? "" : previous + " -> ") + task.assignee + " (follow-up post " + postId + ")"));
    }

    /** Longest excerpt of the post needing a reply, in characters. */
    static final int EXCERPT_LENGTH = 200;

    /** Below this top class probability the sentiment model is not sure, and its "no reply needed" is not trusted. */
    static final double LOW_CONFIDENCE = 0.6;

    /**
     * Whether a post needs a human answer: as sentiment-service says ({@code urgency.needsReply}, absent: yes),
     * except that a post the models could not judge, in a language without sentiment support
     * ({@code languageSupported=false}) or scored with low confidence, needs one unless its intents say spam: a
     * German outage complaint is never hidden because the model read it as neutral.
     */
    static boolean needsReply(ScoredMention scored) {
        if (scored.urgency() == null || scored.urgency().needsReply() == null || scored.urgency().needsReply()) {
            return true;
        }
        if (scored.intents() != null && scored.intents().contains("spam")) {
            return false;
        }
        return Boolean.FALSE.equals(scored.languageSupported()) || lowConfidence(scored.sentiment());
    }

    private static boolean lowConfidence(ScoredMention.Sentiment sentiment) {
        if (sentiment.probabilities() == null || sentiment.probabilities().isEmpty()) {
            return false;
        }
        double top = sentiment.probabilities().values().stream().filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        return top < LOW_CONFIDENCE;
    }

    /**
     * The SLA clock counts from the customer's post: the first post needing a reply starts it, and a post needing a
     * reply that was posted earlier but arrived later moves the start back while nobody has answered yet.
     */
    private static void startSlaAtPost(TaskEntity task, boolean created, boolean neededReplyBefore, Instant postedAt,
            Instant now) {
        boolean first = created || !neededReplyBefore;
        boolean earlier = task.respondedAt == null && task.firstResponseAt == null && postedAt.isBefore(task.slaStartedAt);
        if (first || earlier) {
            task.slaStartedAt = postedAt;
            task.ingestLagSeconds = lagSeconds(postedAt, now);
        }
    }

    private static double lagSeconds(Instant postedAt, Instant storedAt) {
        return Math.max(0, Duration.between(postedAt, storedAt).toMillis() / 1000.0);
    }

    private static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT_LENGTH) {
            return flat;
        }
        int end = Character.isHighSurrogate(flat.charAt(EXCERPT_LENGTH - 2)) ? EXCERPT_LENGTH - 2 : EXCERPT_LENGTH - 1;
        return flat.substring(0, end) + "\u2026";
    }

    /**
     * Adds the post's scores to the conversation's priority inputs (highest urgency and reach, lowest sentiment,
     * every urgency reason once) and returns the conversation's input: priority and reasons derive from it.
     */
    private static PriorityInput conversationInput(TaskEntity task, ScoredMention scored, int recentPosts) {
        ScoredMention.Mention m = scored.mention();
        ScoredMention.Urgency u = scored.urgency();
        task.maxUrgency = max(task.maxUrgency, u == null ? null : u.score());
        Double sentiment = scored.sentiment().score();
        task.minSentiment = task.minSentiment == null ? sentiment
                : sentiment == null ? task.minSentiment : Math.min(task.minSentiment, sentiment);
        task.maxFollowers = max(task.maxFollowers, m.author() == null ? null : m.author().followers());
        task.maxEngagement = max(task.maxEngagement, engagement(m.engagement()));
        task.maxRecentPosts = Math.max(task.maxRecentPosts, recentPosts);
        task.urgencyReasons = union(task.urgencyReasons, u == null ? null : u.reasons());
        return new PriorityInput(task.maxUrgency, task.urgencyReasons, task.minSentiment, task.sentimentLabel,
                task.maxFollowers, task.maxEngagement, task.mentionCount, task.maxRecentPosts);
    }

    private static <T extends Comparable<T>> T max(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
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

    /** When the customer posted (else when it was fetched, else now); a post dated in the future counts as now. */
    private static Instant mentionTime(ScoredMention.Mention m, Instant now) {
        Instant t = m.createdAt() != null ? m.createdAt() : m.fetchedAt() != null ? m.fetchedAt() : now;
        return (t.isAfter(now) ? now : t).truncatedTo(ChronoUnit.MICROS);
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
