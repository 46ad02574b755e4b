package dev.earshot.response.task.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<TaskEntity, Long> {

    /**
     * Creates the task of a conversation unless it exists, atomically (two consumers racing on the
     * same conversation both end up with the one row). Counts start at 0; the caller applies the
     * mention under {@link #lockByConversation}.
     */
    public Uni<Integer> insertIfAbsent(String conversationId, String source, String title, String permalink,
            Instant mentionCreatedAt, Instant now, Instant slaDueAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO task (conversation_id, source, title, permalink, status, priority_score, tier,
                                  first_mention_at, last_mention_at, created_at, updated_at, sla_due_at)
                VALUES (?1, ?2, ?3, ?4, 'open', 0, 'P4', ?5, ?5, ?6, ?6, ?7)
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

    /** The task of a conversation, locked (SELECT ... FOR UPDATE) until the transaction ends. */
    public Uni<TaskEntity> lockByConversation(String conversationId) {
        return find("conversationId", conversationId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * One page of the queue: highest priority first, then earliest SLA, then id; after the given
     * keyset position when {@code after} is not null.
     */
    public Uni<List<TaskEntity>> page(String status, QueuePosition after, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (after != null) {
            where.append(" and (priorityScore < :score or (priorityScore = :score and (slaDueAt > :due"
                    + " or (slaDueAt = :due and id > :id))))");
            params.and("score", after.priorityScore()).and("due", after.slaDueAt()).and("id", after.id());
        }
        return find(where + " order by priorityScore desc, slaDueAt asc, id asc", params)
                .range(0, size - 1).list();
    }

    /** A position in the queue order, for keyset pagination. */
    public record QueuePosition(double priorityScore, Instant slaDueAt, long id) {
    }
}
