package dev.earshot.response.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.Paging;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads one task: its detail with the newest part of the conversation, older posts and notes page by page, its history. */
@ApplicationScoped
public class TaskReader {

    /** Posts and notes in a task's detail: the newest ones; older ones are paged. */
    static final int DETAIL_ITEMS = 20;

    /** Most links in a task's detail, taken from its first LINK_POSTS posts. */
    static final int MAX_LINKS = 100;
    static final int LINK_POSTS = 1000;

    /** Replies in a task's detail: the newest ones. */
    static final int DETAIL_REPLIES = 100;

    private final TaskRepository tasks;
    private final MentionRepository mentions;
    private final TaskEventRepository events;
    private final TaskNoteRepository notes;
    private final ViewerRepository viewers;
    private final TaskReplyRepository replies;
    private final Clock clock;

    public TaskReader(TaskRepository tasks, MentionRepository mentions, TaskEventRepository events,
            TaskNoteRepository notes, ViewerRepository viewers, TaskReplyRepository replies, Clock clock) {
        this.tasks = tasks;
        this.mentions = mentions;
        this.events = events;
        this.notes = notes;
        this.viewers = viewers;
        this.replies = replies;
        this.clock = clock;
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
    public Uni<TaskDetail> detail(TaskEntity task) {
        Instant now = Clocks.now(clock);
        return mentions.pageOfTask(task.id, null, null, DETAIL_ITEMS + 1)
                .flatMap(ms -> notes.pageOfTask(task.id, null, DETAIL_ITEMS + 1)
                        .flatMap(ns -> mentions.linksOfTask(task.id, LINK_POSTS, MAX_LINKS)
                                .flatMap(links -> viewers.active(task.id, now)
                                        .flatMap(vs -> replies.newestOfTask(task.id, DETAIL_REPLIES)
                                                .map(rs -> TaskViews.detail(task, page(ms, DETAIL_ITEMS), links,
                                                        notePage(ns, DETAIL_ITEMS), vs, rs, now))))));
    }

    /** A page of a task's posts, newest first, after the position of {@code cursor} (null: from the newest). */
    @WithSession
    public Uni<Page<MentionView>> posts(long id, String cursor, int limit) {
        return paged(id, cursor, ConversationCursor::decodePosts, after -> mentions.pageOfTask(id,
                after == null ? null : after.createdAt(), after == null ? null : after.id(), limit + 1)
                .map(rows -> page(rows, limit)));
    }

    /** A page of a task's notes, newest first, after the position of {@code cursor} (null: from the newest). */
    @WithSession
    public Uni<Page<NoteView>> notes(long id, String cursor, int limit) {
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
    private static Page<MentionView> page(List<MentionEntity> rows, int limit) {
        return Paging.page(rows, limit, TaskViews::mentionView,
                last -> ConversationCursor.posts(last.createdAt, last.id));
    }

    private static Page<NoteView> notePage(List<TaskNoteEntity> rows, int limit) {
        return Paging.page(rows, limit, n -> new NoteView(n.id, n.author, n.text, n.createdAt),
                last -> ConversationCursor.notes(last.id));
    }

    /** A page of a task's audit trail, oldest first, after the position of {@code cursor} (null: from the first). */
    @WithSession
    public Uni<TaskEvents> history(long id, String cursor, int limit) {
        return paged(id, cursor, ConversationCursor::decodeEvents, after -> events.ofTask(id, after, limit + 1)
                .map(rows -> {
                    Page<TaskEventView> page = Paging.page(rows, limit, e -> new TaskEventView(e.id, e.actor,
                            e.action, e.at, e.fromStatus, e.toStatus, e.detail),
                            last -> ConversationCursor.events(last.id));
                    return new TaskEvents(id, page.items(), page.nextCursor());
                }));
    }
}
