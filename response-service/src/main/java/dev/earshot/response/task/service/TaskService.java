package dev.earshot.response.task.service;

import dev.earshot.web.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.api.MentionPage;
import dev.earshot.response.task.api.MentionView;
import dev.earshot.response.task.api.NotePage;
import dev.earshot.response.task.api.NoteView;
import dev.earshot.response.task.api.TaskDetail;
import dev.earshot.response.task.api.TaskEventView;
import dev.earshot.response.task.api.TaskEvents;
import dev.earshot.response.task.api.TaskPage;
import dev.earshot.response.task.api.TaskSummary;
import dev.earshot.response.task.api.ViewerView;
import dev.earshot.response.task.config.PriorityConfig;
import dev.earshot.response.task.config.WorkflowConfig;
import dev.earshot.response.task.messaging.ScoredMention;
import dev.earshot.response.task.repository.MentionEntity;
import dev.earshot.response.task.repository.MentionRepository;
import dev.earshot.response.task.repository.TaskEntity;
import dev.earshot.response.task.repository.TaskEventEntity;
import dev.earshot.response.task.repository.TaskEventRepository;
import dev.earshot.response.task.repository.TaskNoteEntity;
import dev.earshot.response.task.repository.TaskNoteRepository;
import dev.earshot.response.task.repository.TaskQueueReader;
import dev.earshot.response.task.repository.TaskRepository.QueuePosition;
import dev.earshot.response.task.repository.TaskRepository.TaskFilter;
import dev.earshot.response.task.repository.TaskRepository;
import dev.earshot.response.task.repository.ViewerRepository;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookOutbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Turns scored mentions into tasks (one per conversation) and reads the queue. */
@ApplicationScoped
public class TaskService {

    /** Task statuses; new tasks are open. */
    public static final List<String> STATUSES = List.of("open", "claimed", "snoozed", "resolved", "dismissed");

    /** What the queue lists when no status is asked for: tasks still waiting for their answer. */
    public static final List<String> ACTIVE_STATUSES = List.of("open", "claimed", "snoozed");

    static final Set<String> TIERS = Set.of("P1", "P2", "P3", "P4");
    static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");

    /** Worst first: a task's sentiment label is the worst among its mentions. */
    private static final Map<String, Integer> SENTIMENT_RANK = Map.of("negative", 0, "neutral", 1, "positive", 2);

    /** Posts and notes in a task's detail: the newest ones; older ones are paged. */
    static final int DETAIL_ITEMS = 20;

    /** Most links in a task's detail, taken from its first LINK_POSTS posts. */
    static final int MAX_LINKS = 100;
    static final int LINK_POSTS = 1000;

    /** Longest search text kept per task (title and posts). */
    private static final int SEARCH_TEXT_LIMIT = 20_000;

    /** What recording a mention did. */
    public enum Outcome {
        CREATED_TASK, JOINED_TASK, DUPLICATE
    }

    private final TaskRepository tasks;
    private final TaskQueueReader queue;
    private final MentionRepository mentions;
    private final TaskEventRepository events;
    private final TaskNoteRepository notes;
    private final ViewerRepository viewers;
    private final PriorityCalculator priorities;
    private final PriorityConfig priorityConfig;
    private final WorkflowConfig workflow;
    private final Router router;
    private final WebhookOutbox outbox;
    private final Clock clock = Clock.systemUTC();

    public TaskService(TaskRepository tasks, TaskQueueReader queue, MentionRepository mentions,
            TaskEventRepository events, TaskNoteRepository notes, ViewerRepository viewers,
            PriorityCalculator priorities, PriorityConfig priorityConfig, WorkflowConfig workflow, Router router,
            WebhookOutbox outbox) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.queue = queue;
        this.mentions = mentions;
        this.events = events;
        this.notes = notes;
        this.viewers = viewers;
        this.priorities = priorities;
        this.priorityConfig = priorityConfig;
        this.workflow = workflow;
        this.router = router;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        Instant now = now();
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
                                                List<TaskEventEntity> changes = apply(task, scored, createdAt, now,
                                                        created, dupTask, (int) Math.min(Integer.MAX_VALUE, recent + 1));
                                                return events.persist(changes)
                                                        .call(x -> announce(task, mention, created, tierBefore, now));
                                            }))
                                            .replaceWith(created ? Outcome.CREATED_TASK : Outcome.JOINED_TASK);
                                })));
    }

    /** Outbox events of a recorded post: a new task, or a tier raised on an existing one. */
    private Uni<Void> announce(TaskEntity task, MentionEntity latest, boolean created, Tier tierBefore, Instant now) {
        if (created) {
            return outbox.taskEvent(WebhookEventType.TASK_CREATED, task, latest, null, now);
        }
        if (Tier.valueOf(task.tier).compareTo(tierBefore) < 0) {
            return outbox.taskEvent(WebhookEventType.TASK_ESCALATED, task, latest, tierBefore.name(), now);
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
        String statusBefore = task.status;

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
            if ("resolved".equals(task.status) && "negative".equals(label) && workflow.reopenOnNegative()) {
                task.status = "open";
                task.assignee = null;
                task.claimedAt = null;
                task.resolvedAt = null;
                restartSla(task, now);
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "reopened-by-post", now, "resolved",
                        "open", "negative post " + m.id()));
            } else if ("snoozed".equals(task.status)) {
                task.status = task.assignee == null ? "open" : "claimed";
                task.snoozedUntil = null;
                changes.add(TaskEventEntity.of(task.id, Caller.SYSTEM.name(), "woken-by-post", now, "snoozed",
                        task.status, "post " + m.id()));
            }
        }
        task.version += 1;
        task.updatedAt = now;
        return changes;
    }

    /**
     * A reopened task needs a new answer: its SLA clock starts again now. The recorded first response
     * (who answered first, and how fast) stays as it is.
     */
    void restartSla(TaskEntity task, Instant now) {
        task.slaStartedAt = now;
        task.slaDueAt = now.plus(priorities.sla(Tier.valueOf(task.tier)));
        task.respondedAt = null;
        task.slaWarnedAt = null;
        task.slaBreachAlertedAt = null;
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

    Uni<TaskPage> page(TaskFilter filter, QueuePosition after, int limit) {
        return queue.page(filter, after, limit + 1, now()).map(rows -> {
            boolean more = rows.size() > limit;
            List<TaskSummary> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                TaskSummary last = page.get(page.size() - 1);
                next = QueueCursor.encode(new QueuePosition(last.slaDueAt(), last.priorityScore(), last.id()));
            }
            return new TaskPage(page, next);
        });
    }

    TaskFilter filter(ListQuery q, Caller caller, String authorHandle) {
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

    /** A task with its mentions, notes and current viewers. */
    @WithSession
    public Uni<TaskDetail> get(long id) {
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(this::detail);
    }

    /**
     * The detail of a task the session already holds: its newest {@value #DETAIL_ITEMS} posts and notes, never
     * the whole conversation (older ones are paged by {@link #posts} and {@link #notes}).
     */
    Uni<TaskDetail> detail(TaskEntity task) {
        Instant now = now();
        return mentions.pageOfTask(task.id, null, null, DETAIL_ITEMS + 1)
                .flatMap(ms -> notes.pageOfTask(task.id, null, DETAIL_ITEMS + 1)
                        .flatMap(ns -> mentions.linksOfTask(task.id, LINK_POSTS, MAX_LINKS)
                                .flatMap(links -> viewers.active(task.id, now)
                                        .map(vs -> detail(task, page(ms, DETAIL_ITEMS), links,
                                                notePage(ns, DETAIL_ITEMS), vs, now)))));
    }

    /** A page of a task's posts, newest first, after the position of {@code cursor} (null: from the newest). */
    @WithSession
    public Uni<MentionPage> posts(long id, String cursor, int limit) {
        return paged(id, cursor, ConversationCursor::decodePosts, after -> mentions.pageOfTask(id,
                after == null ? null : after.createdAt(), after == null ? null : after.id(), limit + 1)
                .map(rows -> page(rows, limit)));
    }

    /** A page of a task's notes, newest first, after the position of {@code cursor} (null: from the newest). */
    @WithSession
    public Uni<NotePage> notes(long id, String cursor, int limit) {
        return paged(id, cursor, ConversationCursor::decodeNotes,
                after -> notes.pageOfTask(id, after, limit + 1).map(rows -> notePage(rows, limit)));
    }

    /** Reads a page of task {@code id} after the decoded {@code cursor}: 400 for a bad cursor, 404 for no task. */
    private <A, P> Uni<P> paged(long id, String cursor, Function<String, A> decode, Function<A, Uni<P>> read) {
        A after;
        try {
            after = cursor == null ? null : decode.apply(cursor);
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return tasks.findById(id).onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> read.apply(after));
    }

    /** The first {@code limit} of {@code rows} (read with one more, to know whether more follow), newest first. */
    private static MentionPage page(List<MentionEntity> rows, int limit) {
        List<MentionEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        MentionEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new MentionPage(page.stream().map(TaskService::mentionView).toList(),
                rows.size() > limit ? ConversationCursor.posts(last.createdAt, last.id) : null);
    }

    private static NotePage notePage(List<TaskNoteEntity> rows, int limit) {
        List<TaskNoteEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new NotePage(page.stream().map(n -> new NoteView(n.id, n.author, n.text, n.createdAt)).toList(),
                rows.size() > limit ? ConversationCursor.notes(page.get(page.size() - 1).id) : null);
    }

    /** A task's audit trail, oldest first. */
    @WithSession
    public Uni<TaskEvents> history(long id) {
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> events.ofTask(id))
                .map(list -> new TaskEvents(id, list.stream().map(e -> new TaskEventView(e.id, e.actor, e.action,
                        e.at, e.fromStatus, e.toStatus, e.detail)).toList()));
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

    static Long secondsToBreach(TaskEntity t, Instant now) {
        if (t.respondedAt != null || "dismissed".equals(t.status) || "resolved".equals(t.status)) {
            return null;
        }
        return Duration.between(now, t.slaDueAt).toSeconds();
    }

    static TaskSummary summary(TaskEntity t, Instant now) {
        return new TaskSummary(t.id, t.conversationId, t.source, t.title, t.permalink, t.status, t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.positiveCount,
                t.firstMentionAt, t.lastMentionAt, t.createdAt, t.slaDueAt, secondsToBreach(t, now), t.team,
                t.assignee, t.needsReply, t.intents, t.authorHandle, t.snoozedUntil, t.version);
    }

    static TaskDetail detail(TaskEntity t, MentionPage posts, List<String> links, NotePage noteList,
            List<ViewerRepository.Viewer> viewerList, Instant now) {
        return new TaskDetail(t.id, t.conversationId, t.source, t.title, t.permalink, t.status, t.priorityScore,
                t.tier, t.priorityReasons, t.sentimentLabel, t.mentionCount, t.negativeCount, t.positiveCount,
                t.firstMentionAt, t.lastMentionAt, t.createdAt, t.updatedAt, t.slaDueAt, secondsToBreach(t, now),
                t.team, t.routingReason, t.assignee, t.claimedAt, t.needsReply, t.intents, t.authorId,
                t.authorHandle, t.snoozedUntil, t.firstResponseAt, t.firstResponseBy, t.firstResponseInSla,
                t.resolvedAt, t.replyUrl, t.replyText, t.dismissReason, t.duplicateOfTaskId, List.copyOf(links),
                viewerList.stream().map(v -> new ViewerView(v.viewer(), v.until())).toList(),
                oldestFirst(noteList.items()), noteList.nextCursor(), t.version,
                oldestFirst(posts.items()), posts.nextCursor());
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> list = new ArrayList<>(newestFirst);
        Collections.reverse(list);
        return List.copyOf(list);
    }

    static MentionView mentionView(MentionEntity m) {
        return new MentionView(m.id, m.source, m.permalink, m.authorId, m.authorHandle, m.authorDisplayName,
                m.authorFollowers, m.authorProfileUrl, m.title, m.text, m.createdAt, m.editedAt, m.links,
                m.matchedRules, m.nearDuplicateOf, m.sentimentLabel, m.sentimentScore, m.sentimentDrivers,
                m.urgencyScore, m.urgencyLevel, m.urgencyReasons, m.needsReply, m.intents, m.language,
                m.modelVersion, m.receivedAt);
    }
}
