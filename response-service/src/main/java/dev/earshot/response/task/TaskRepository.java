package dev.earshot.response.task;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<TaskEntity, Long> {

    /**
     * The queue order: time to SLA breach in coarse buckets ({@code sla_bucket}: the due time rounded down to
     * {@link #SLA_BUCKET}, kept by a trigger), then priority, then id (stable, for keyset pagination). Within
     * five minutes of each other, the higher priority comes first.
     */
    public static final String QUEUE_ORDER = " ORDER BY sla_bucket ASC, priority_score DESC, id ASC";

    /** The width of a queue order bucket; the trigger of V5__time_and_order.sql uses the same 300 seconds. */
    public static final java.time.Duration SLA_BUCKET = java.time.Duration.ofMinutes(5);

    /** The bucket of a due time, as the trigger computes it: rounded down to {@link #SLA_BUCKET}. */
    public static Instant slaBucket(Instant slaDueAt) {
        long width = SLA_BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(slaDueAt.getEpochSecond(), width) * width);
    }

    /**
     * Creates the task of a conversation unless it exists, atomically (two consumers racing on the
     * same conversation both end up with the one row). Counts start at 0; the caller applies the
     * mention under {@link #lockByConversation}.
     */
    public Uni<Integer> insertIfAbsent(String conversationId, String source, String title, String permalink,
            Instant mentionCreatedAt, Instant now, Instant slaDueAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO task (conversation_id, source, title, permalink, status, priority_score, tier,
                                  first_mention_at, last_mention_at, created_at, updated_at, sla_due_at,
                                  sla_started_at, needs_reply)
                VALUES (?1, ?2, ?3, ?4, 'open', 0, 'P4', ?5, ?5, ?6, ?6, ?7, ?6, false)
                ON CONFLICT (conversation_id) DO NOTHING
                """)
                .setParameter(1, conversationId)
                .setParameter(2, source)
                .setParameter(3, title)
                .setParameter(4, permalink)
                .setParameter(5, mentionCreatedAt)
                .setParameter(6, now)
                .setParameter(7, slaDueAt)
                .executeUpdate());
    }

    /**
     * {@link #insertIfAbsent} for many conversations in one statement, in conversation order (so that batches
     * racing on the same conversations wait for each other instead of deadlocking). {@code rowsJson} is a JSON
     * array of objects with conversation_id, source, title, permalink and created_at (the first post's time).
     * Answers the conversations whose task it created.
     */
    public Uni<List<String>> insertAllIfAbsent(String rowsJson, Instant now, Instant slaDueAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO task (conversation_id, source, title, permalink, status, priority_score, tier,
                                  first_mention_at, last_mention_at, created_at, updated_at, sla_due_at,
                                  sla_started_at, needs_reply)
                SELECT r.conversation_id, r.source, r.title, r.permalink, 'open', 0, 'P4', r.created_at,
                       r.created_at, :now, :now, :slaDueAt, :now, false
                FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(conversation_id text, source text, title text,
                                                                  permalink text, created_at timestamptz)
                ORDER BY r.conversation_id
                ON CONFLICT (conversation_id) DO NOTHING
                RETURNING conversation_id
                """, String.class)
                .setParameter("rows", rowsJson)
                .setParameter("now", now)
                .setParameter("slaDueAt", slaDueAt)
                .getResultList());
    }

    /** The tasks of these conversations, locked in conversation order until the transaction ends. */
    public Uni<List<TaskEntity>> lockByConversations(Collection<String> conversationIds) {
        return find("conversationId in ?1 order by conversationId", List.copyOf(conversationIds))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The task of a conversation, locked (SELECT ... FOR UPDATE) until the transaction ends. */
    public Uni<TaskEntity> lockByConversation(String conversationId) {
        return find("conversationId", conversationId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** A task, locked until the transaction ends; null when there is none. */
    public Uni<TaskEntity> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Snoozed tasks whose time has come, locked; at most {@code max}. */
    public Uni<List<TaskEntity>> lockDueSnoozed(Instant now, int max) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT * FROM task WHERE status = 'snoozed' AND snoozed_until <= :now
                ORDER BY snoozed_until LIMIT :max FOR UPDATE SKIP LOCKED
                """, TaskEntity.class)
                .setParameter("now", now)
                .setParameter("max", max)
                .getResultList());
    }

    /** A position in the queue order, for keyset pagination ({@code slaDueAt}: the due time's bucket). */
    public record QueuePosition(Instant slaDueAt, double priorityScore, long id) {
    }
}
