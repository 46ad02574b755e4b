package dev.earshot.response.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.FlushMode;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.storage.StoredText;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    private final ObjectMapper mapper;

    public TaskIngestion(TaskRepository tasks, MentionRepository mentions, TaskEventRepository events,
            PriorityCalculator priorities, PriorityConfig priorityConfig, WorkflowConfig workflow, Router router,
            TaskChanges taskChanges, Clock clock, ObjectMapper mapper) {
        this.tasks = tasks;
        this.mentions = mentions;
        this.events = events;
        this.priorities = priorities;
        this.priorityConfig = priorityConfig;
        this.workflow = workflow;
        this.router = router;
        this.taskChanges = taskChanges;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** {@link #recordAll} of one mention. */
    @WithTransaction
    public Uni<Outcome> record(ScoredMention scored) {
        return recordAll(List.of(scored)).map(outcomes -> outcomes.get(0));
    }

    /** One post of a batch, with what is worked out once. */
    private record Post(ScoredMention scored, Instant createdAt, String source, int index) {

        ScoredMention.Mention mention() {
            return scored.mention();
        }
    }

    /** A conversation's task in a batch and its posts that were not stored before. */
    private record Work(TaskEntity task, boolean created, List<Post> posts, List<MentionEntity> stored) {
    }

    /**
     * Stores a batch of mentions in their conversations' tasks, in one transaction: one statement creates the
     * missing tasks, one locks the batch's tasks (in conversation order: batches racing on the same conversations
     * wait, they do not deadlock, and neither make two tasks nor lose a count), one stores the mentions. Idempotent
     * on the mention id: a redelivered mention, or the same mention twice in the batch, changes nothing, even when
     * it names another conversation (the task that conversation would have got is not kept: no empty task). A task's
     * new posts are applied one by one, in the batch's order, as single posts would be: each may raise the task's
     * priority, never lower it (a corrected field stays as the person set it); a negative one reopens a resolved task
     * (earshot.workflow.reopen-on-negative), any new post wakes a snoozed one, and a follow-up goes back to the last
     * replier. The team is worked out once per task and batch. Every change is in the audit trail as done by
     * "system", and the task changes (created, escalated once per batch, reopened per reopening post) are fired in
     * the same transaction. Answers an outcome per mention, in the batch's order.
     */
    @WithTransaction
    public Uni<List<Outcome>> recordAll(List<ScoredMention> batch) {
        Instant now = Clocks.now(clock);
        Outcome[] outcomes = new Outcome[batch.size()];
        Map<String, List<Post>> byConversation = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ScoredMention.Mention m = batch.get(i).mention();
            // ids and conversations as stored: two that differ only in a NUL are one
            if (!ids.add(StoredText.clean(m.id()))) {
                outcomes[i] = Outcome.DUPLICATE;
                continue;
            }
            String source = m.source() != null ? m.source() : m.id().split(":", 2)[0];
            byConversation.computeIfAbsent(StoredText.clean(m.conversationId()), c -> new ArrayList<>())
                    .add(new Post(batch.get(i), mentionTime(m, now), source, i));
        }
        List<Map<String, Object>> newTasks = new ArrayList<>();
        byConversation.values().forEach(posts -> newTasks.add(taskRow(posts.get(0))));
        // The batch's statements never read what it changed in memory (the locked tasks): the tasks are written once,
        // at commit, not dirty-checked again before each statement.
        return Panache.getSession().invoke(session -> session.setFlushMode(FlushMode.COMMIT))
                .flatMap(session -> tasks.insertAllIfAbsent(json(newTasks), now, now.plus(priorities.sla(Tier.P4))))
                .flatMap(created -> tasks.lockByConversations(byConversation.keySet())
                        .flatMap(locked -> {
                            Map<String, TaskEntity> taskOf = new HashMap<>();
                            locked.forEach(t -> taskOf.put(t.conversationId, t));
                            Map<String, MentionEntity> entities = new LinkedHashMap<>();
                            byConversation.forEach((conversation, posts) -> posts.forEach(p -> entities.put(
                                    p.mention().id(), toEntity(p.scored(), taskOf.get(conversation).id, p.source(),
                                            p.createdAt(), now))));
                            return mentions.insertAllIfAbsent(json(entities.values().stream().map(TaskIngestion::mentionRow)
                                            .toList()))
                                    .flatMap(stored -> {
                                        Set<String> storedIds = new HashSet<>(stored);
                                        List<Work> work = new ArrayList<>();
                                        List<TaskEntity> empty = new ArrayList<>();
                                        byConversation.forEach((conversation, posts) -> {
                                            TaskEntity task = taskOf.get(conversation);
                                            boolean made = created.contains(conversation);
                                            List<Post> fresh = new ArrayList<>();
                                            for (Post p : posts) {
                                                if (storedIds.contains(StoredText.clean(p.mention().id()))) {
                                                    fresh.add(p);
                                                    outcomes[p.index()] = made && fresh.size() == 1
                                                            ? Outcome.CREATED_TASK : Outcome.JOINED_TASK;
                                                } else {
                                                    Log.debugf("mention %s already recorded", p.mention().id());
                                                    outcomes[p.index()] = Outcome.DUPLICATE;
                                                }
                                            }
                                            if (!fresh.isEmpty()) {
                                                work.add(new Work(task, made, fresh, fresh.stream()
                                                        .map(p -> entities.get(p.mention().id())).toList()));
                                            } else if (made) {
                                                // re-delivered under another conversation id: drop the task just made
                                                empty.add(task);
                                            }
                                        });
                                        return apply(work, now)
                                                .call(() -> empty.isEmpty() ? Uni.createFrom().voidItem()
                                                        : tasks.delete("id in ?1",
                                                                empty.stream().map(t -> t.id).toList()).replaceWithVoid())
                                                .replaceWith(() -> List.of(outcomes));
                                    });
                        }));
    }

    /** Applies each task's new posts: counts, priority, routing, audit trail, task changes. */
    private Uni<Void> apply(List<Work> work, Instant now) {
        if (work.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> duplicatesOf = new HashSet<>();
        List<Map<String, Object>> since = new ArrayList<>();
        for (Work w : work) {
            String of = w.posts().get(0).mention().nearDuplicateOf();
            if (w.created() && of != null && !of.isBlank()) {
                duplicatesOf.add(of);
            }
            Instant newest = w.posts().stream().map(Post::createdAt).max(Instant::compareTo).orElseThrow();
            since.add(Map.of("task_id", w.task().id,
                    "since", newest.minus(priorityConfig.velocity().window()).toString()));
        }
        return mentions.taskIds(duplicatesOf).flatMap(duplicateTasks -> mentions.countsSince(json(since))
                .flatMap(recent -> {
                    List<TaskEventEntity> changes = new ArrayList<>();
                    List<TaskChange> announced = new ArrayList<>();
                    for (Work w : work) {
                        TaskEntity task = w.task();
                        Tier tierBefore = Tier.valueOf(task.tier);
                        Long dupTask = w.created() ? duplicateTasks.get(w.posts().get(0).mention().nearDuplicateOf())
                                : null;
                        List<MentionEntity> reopenedBy = new ArrayList<>();
                        changes.addAll(apply(w, now, dupTask,
                                (int) Math.min(Integer.MAX_VALUE, recent.getOrDefault(task.id, 1L)), reopenedBy));
                        MentionEntity latest = w.stored().stream()
                                .reduce((a, b) -> b.createdAt.isBefore(a.createdAt) ? a : b).orElseThrow();
                        if (w.created()) {
                            announced.add(new TaskChange(TaskChange.Kind.CREATED, task, latest, null, now));
                        } else if (Tier.valueOf(task.tier).compareTo(tierBefore) < 0) {
                            announced.add(new TaskChange(TaskChange.Kind.ESCALATED, task, latest, tierBefore.name(),
                                    now));
                        }
                        // the post that reopened the resolved task (none resolves it again within the batch)
                        reopenedBy.forEach(post -> announced.add(new TaskChange(TaskChange.Kind.REOPENED, task, post,
                                null, now)));
                    }
                    return events.insertAll(changes).call(() -> taskChanges.fire(announced));
                }));
    }

    private String json(List<Map<String, Object>> rows) {
        return StoredText.rows(mapper, rows);
    }

    private static Map<String, Object> taskRow(Post first) {
        return StoredText.row("conversation_id", first.mention().conversationId(),
                "source", first.source(),
                "title", first.mention().title(),
                "permalink", first.mention().permalink(),
                "created_at", first.createdAt().toString());
    }

    private static Map<String, Object> mentionRow(MentionEntity e) {
        return StoredText.row("id", e.id,
                "task_id", e.taskId,
                "conversation_id", e.conversationId,
                "source", e.source,
                "permalink", e.permalink,
                "author_id", e.authorId,
                "author_handle", e.authorHandle,
                "author_display_name", e.authorDisplayName,
                "author_followers", e.authorFollowers,
                "author_profile_url", e.authorProfileUrl,
                "text", e.text,
                "title", e.title,
                "created_at", e.createdAt.toString(),
                "edited_at", e.editedAt == null ? null : e.editedAt.toString(),
                "links", e.links,
                "matched_rules", e.matchedRules,
                "near_duplicate_of", e.nearDuplicateOf,
                "sentiment_label", e.sentimentLabel,
                "sentiment_score", e.sentimentScore,
                "sentiment_drivers", e.sentimentDrivers,
                "urgency_score", e.urgencyScore,
                "urgency_level", e.urgencyLevel,
                "urgency_reasons", e.urgencyReasons,
                "needs_reply", e.needsReply,
                "intents", e.intents,
                "language", e.language,
                "language_supported", e.languageSupported,
                "model_version", e.modelVersion,
                "received_at", e.receivedAt.toString());
    }

    /**
     * Applies a task's new posts of a batch one by one, in their order, as if each came alone: counts, labels, SLA
     * start, priority (from the conversation's inputs so far), audit entry, reopen, wake and follow-up; then works out
     * its team once. Collects the stored posts that reopened the task into {@code reopenedBy}. Answers the audit trail
     * entries.
     */
    private List<TaskEventEntity> apply(Work work, Instant now, Long duplicateOfTaskId, int recentPosts,
            List<MentionEntity> reopenedBy) {
        TaskEntity task = work.task();
        boolean created = work.created();
        List<Post> posts = work.posts();
        List<TaskEventEntity> changes = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            boolean creates = created && i == 0;
            Post post = posts.get(i);
            addPost(task, post.scored(), post.createdAt(), now, creates, duplicateOfTaskId);
            Tier tierBefore = Tier.valueOf(task.tier);
            boolean raised = reprioritize(task, post.scored(), creates, recentPosts);
            if (!creates && postAdded(task, post.scored(), post.createdAt(), now, tierBefore, raised, changes)) {
                reopenedBy.add(work.stored().get(i));
            }
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
                    "post " + posts.get(0).mention().id() + "; team " + task.team + " (" + task.routingReason + "); "
                            + task.tier + (task.needsReply ? "" : "; no reply needed")
                            + (task.duplicateOfTaskId == null ? "" : "; near-duplicate of task " + task.duplicateOfTaskId)));
        }
        task.version += 1;
        task.updatedAt = now;
        return changes;
    }

    /** The task's counts, times, labels and search text with one more post. */
    private static void addPost(TaskEntity task, ScoredMention scored, Instant createdAt, Instant now,
            boolean creates, Long duplicateOfTaskId) {
        ScoredMention.Mention m = scored.mention();
        String label = scored.sentiment().label();
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
        if (creates && m.author() != null) {
            task.authorId = m.author().id();
            task.authorHandle = m.author().handle();
        }
        if (creates && duplicateOfTaskId != null && !duplicateOfTaskId.equals(task.id)) {
            task.duplicateOfTaskId = duplicateOfTaskId;
        }
        if (!task.isCorrected("intents")) { // a person's correction wins over the model
            task.intents = union(task.intents, scored.intents());
        }
        task.matchedRules = union(task.matchedRules, m.matchedRules());
        task.searchText = appendSearchText(task.searchText, creates ? m.title() : null, m.text());
        boolean postNeedsReply = needsReply(scored);
        boolean neededReplyBefore = task.needsReply;
        task.needsReply = task.isCorrected("needsReply") ? task.needsReply : task.needsReply || postNeedsReply;
        if (postNeedsReply) {
            startSlaAtPost(task, creates, neededReplyBefore, createdAt, now);
            if (task.replyPostAt == null || !createdAt.isBefore(task.replyPostAt)) {
                task.replyPostAt = createdAt;
                task.replyExcerpt = excerpt(m.text() != null && !m.text().isBlank() ? m.text() : m.title());
                task.replyLanguage = scored.language();
            }
        } else if (creates) {
            task.slaStartedAt = createdAt;
        }
    }

    /**
     * The conversation's priority with one more post: it may rise, never fall, and not at all once a person corrected
     * the tier; the reasons and the due time always follow the conversation as it is now. Answers whether it rose.
     */
    private boolean reprioritize(TaskEntity task, ScoredMention scored, boolean creates, int recentPosts) {
        Priority priority = priorities.compute(conversationInput(task, scored, recentPosts));
        boolean raised = !task.isCorrected("tier") && (creates || priority.score() > task.priorityScore);
        if (raised) {
            task.priorityScore = priority.score();
            task.tier = priority.tier().name();
        }
        // the reasons always describe the conversation as it is now (its inputs only grow, as the score does)
        task.priorityReasons = priority.reasons();
        task.slaDueAt = task.slaDue(priorities.sla(Tier.valueOf(task.tier)));
        return raised;
    }

    /**
     * The audit entry of a post joining a task (with the tier it raised), the reopen or wake it causes and the
     * follow-up that goes back to the last replier. Answers whether the post reopened a resolved task.
     */
    private boolean postAdded(TaskEntity task, ScoredMention scored, Instant createdAt, Instant now, Tier tierBefore,
            boolean raised, List<TaskEventEntity> changes) {
        String id = scored.mention().id();
        String label = scored.sentiment().label();
        TaskStatus statusBefore = task.status;
        changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "post-added", now, statusBefore,
                statusBefore, "post " + id + " (" + label + ")"
                        + (raised && Tier.valueOf(task.tier) != tierBefore ? "; tier " + tierBefore + " -> " + task.tier
                                : "")));
        boolean reopened = false;
        if (task.status == TaskStatus.RESOLVED && "negative".equals(label) && workflow.reopenOnNegative()) {
            // the new clock counts from the customer's post, like the first one
            task.reopen(createdAt, priorities.sla(Tier.valueOf(task.tier)));
            task.ingestLagSeconds = lagSeconds(createdAt, now);
            changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "reopened-by-post", now,
                    TaskStatus.RESOLVED, TaskStatus.OPEN, "negative post " + id));
            reopened = true;
        } else if (task.status == TaskStatus.SNOOZED) {
            task.wake(now);
            changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken-by-post", now,
                    TaskStatus.SNOOZED, task.status, "post " + id));
        }
        followUpGoesToReplier(task, id, createdAt, now, changes);
        return reopened;
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
