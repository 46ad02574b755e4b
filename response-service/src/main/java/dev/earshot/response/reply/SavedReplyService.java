package dev.earshot.response.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Idempotency;
import dev.earshot.response.common.IfMatch;
import dev.earshot.response.common.Paging;
import dev.earshot.response.common.Preconditions;
import dev.earshot.response.common.WriteResult;
import dev.earshot.response.people.Directory;
import dev.earshot.response.task.MentionRepository;
import dev.earshot.response.task.Router;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskNotFoundException;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Saved replies per team, with placeholders filled from a task. */
@ApplicationScoped
public class SavedReplyService {

    static final Set<String> PLACEHOLDERS = Set.of("author", "link", "title", "source", "agent", "team");
    /** Anything in braces without spaces is a placeholder, so {first_name} or {Author} is refused, not kept. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");
    static final int MAX_BODY = 5_000;

    private final SavedReplyRepository replies;
    private final TaskRepository tasks;
    private final MentionRepository mentions;
    private final Directory directory;
    private final Router router;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Idempotency.Answer<SavedReplyView> answer;

    public SavedReplyService(SavedReplyRepository replies, TaskRepository tasks, MentionRepository mentions,
            Directory directory, Router router, Idempotency idempotency, Clock clock) {
        this.replies = replies;
        this.tasks = tasks;
        this.mentions = mentions;
        this.directory = directory;
        this.router = router;
        this.idempotency = idempotency;
        this.clock = clock;
        this.answer = new Idempotency.Answer<>(SavedReplyView.class, SavedReplyView::id, SavedReplyView::version,
                id -> replies.findById(id).onItem().ifNull().failWith(() -> notFound(id)).map(SavedReplyService::view));
    }

    /** A page of the saved replies of {@code teams} (empty: all) in team and name order, as the listing asks. */
    @WithSession
    public Uni<Page<SavedReplyView>> list(ListParameters query) {
        List<String> teams;
        SavedReplyCursor.Position after;
        int limit;
        try {
            teams = query.values("team", router.teams());
            after = query.cursor() == null ? null : SavedReplyCursor.decode(query.cursor());
            limit = query.limit();
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return replies.page(teams, after, limit + 1)
                .map(rows -> Paging.page(rows, limit, SavedReplyService::view, SavedReplyCursor::encode));
    }

    @WithSession
    public Uni<SavedReplyView> get(long id) {
        return replies.findById(id).onItem().ifNull().failWith(() -> notFound(id)).map(SavedReplyService::view);
    }

    @WithTransaction
    public Uni<WriteResult<SavedReplyView>> create(Caller caller, Preconditions pre, String team, String name,
            String body) {
        try {
            validate(team, name, body);
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return idempotency.once(caller, pre, answer, () -> replies.byName(team, name.trim())
                .flatMap(existing -> {
                    if (existing != null) {
                        throw new ConflictException("team " + team + " already has a saved reply named " + name.trim());
                    }
                    Instant now = Clocks.now(clock);
                    SavedReplyEntity e = new SavedReplyEntity();
                    e.team = team;
                    e.name = name.trim();
                    e.body = body;
                    e.version = 1;
                    e.createdBy = caller.name();
                    e.createdAt = now;
                    e.updatedAt = now;
                    return replies.persist(e);
                })
                .map(e -> new WriteResult<>(201, view(e), e.version)));
    }

    @WithTransaction
    public Uni<WriteResult<SavedReplyView>> update(long id, Caller caller, Preconditions pre, String team, String name,
            String body) {
        try {
            validate(team, name, body);
        } catch (InvalidRequestException e) {
            return Uni.createFrom().failure(e);
        }
        return replies.lock(id).onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(e -> replies.byName(team, name.trim()).map(clash -> {
                    if (clash != null && !clash.id.equals(e.id)) {
                        throw new ConflictException("team " + team + " already has a saved reply named " + name.trim());
                    }
                    IfMatch.check(pre.ifMatch(), e.version, stale(e.version));
                    e.team = team;
                    e.name = name.trim();
                    e.body = body;
                    e.version += 1;
                    e.updatedAt = Clocks.now(clock);
                    return new WriteResult<>(200, view(e), e.version);
                }));
    }

    @WithTransaction
    public Uni<Void> delete(long id, String ifMatch) {
        return replies.lock(id).onItem().ifNull().failWith(() -> notFound(id))
                .flatMap(e -> {
                    IfMatch.check(ifMatch, e.version, stale(e.version));
                    return replies.delete(e);
                });
    }

    /**
     * The saved reply with its placeholders filled from the task and the caller. {@code {author}} is the author of
     * the post being answered: the newest post of the task that needs a reply (or whose need is unknown), else the
     * task's first author. {@code {agent}} is the caller's display name in the directory, their id when they are
     * not in it.
     */
    @WithSession
    public Uni<FilledReply> fill(long taskId, long replyId, Caller caller) {
        return tasks.findById(taskId).onItem().ifNull().failWith(() -> new TaskNotFoundException(taskId))
                .flatMap(task -> replies.findById(replyId).onItem().ifNull().failWith(() -> notFound(replyId))
                        .flatMap(reply -> values(task, caller).map(values -> filled(taskId, reply, values))));
    }

    /**
     * Every saved reply of the task's team (at most {@code max}, in name order), each filled as {@link #fill} fills
     * one: what the inbox's task page offers to copy.
     */
    @WithSession
    public Uni<List<FilledReply>> fillAll(long taskId, Caller caller, int max) {
        return tasks.findById(taskId).onItem().ifNull().failWith(() -> new TaskNotFoundException(taskId))
                .flatMap(task -> replies.page(List.of(task.team), null, max).flatMap(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(List.<FilledReply>of())
                        : values(task, caller).map(values -> rows.stream()
                                .map(reply -> filled(taskId, reply, values)).toList())));
    }

    /** The placeholders' values for one task and caller. */
    private Uni<Map<String, String>> values(TaskEntity task, Caller caller) {
        return mentions.find("taskId = ?1 and (needsReply is null or needsReply = true)"
                + " order by createdAt desc, id desc", task.id).firstResult()
                .flatMap(answered -> directory.displayName(caller.name()).map(agent -> {
                    String author = answered != null && answered.authorHandle != null
                            ? answered.authorHandle : task.authorHandle;
                    return Map.of(
                            "author", author == null ? "there" : author,
                            "link", task.permalink == null ? "" : task.permalink,
                            "title", task.title == null ? "" : task.title,
                            "source", task.source,
                            "agent", agent,
                            "team", task.team);
                }));
    }

    private static FilledReply filled(long taskId, SavedReplyEntity reply, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(reply.body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return new FilledReply(taskId, reply.id, reply.name, out.toString());
    }

    private void validate(String team, String name, String body) {
        if (team == null || !router.isTeam(team)) {
            throw new InvalidRequestException("team must be one of " + String.join(", ", router.teams()));
        }
        if (name == null || name.isBlank() || name.trim().length() > 100) {
            throw new InvalidRequestException("name must be 1 to 100 characters");
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw new InvalidRequestException("body must be 1 to " + MAX_BODY + " characters");
        }
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new InvalidRequestException("unknown placeholder {" + m.group(1) + "}; known are "
                        + PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
            }
        }
    }

    private static String stale(long version) {
        return "the saved reply changed since you read it (now version " + version + ")";
    }

    private static ResourceNotFoundException notFound(long id) {
        return new ResourceNotFoundException("No saved reply with id " + id);
    }

    static SavedReplyView view(SavedReplyEntity e) {
        return new SavedReplyView(e.id, e.team, e.name, e.body, e.version, e.createdBy, e.createdAt, e.updatedAt);
    }
}
