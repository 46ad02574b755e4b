package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MentionRepository implements PanacheRepositoryBase<MentionEntity, String> {

    /**
     * At most {@code max} posts of a task before the position ({@code beforeAt}, {@code beforeId}) (null: from
     * the newest), newest first. Walks the index mention_task_idx.
     */
    public Uni<List<MentionEntity>> pageOfTask(long taskId, Instant beforeAt, String beforeId, int max) {
        return (beforeAt == null ? find("taskId = ?1 order by createdAt desc, id desc", taskId)
                : find("taskId = ?1 and (createdAt, id) < (?2, ?3) order by createdAt desc, id desc",
                        taskId, beforeAt, beforeId)).range(0, max - 1).list();
    }

    /**
     * The first {@code max} distinct links of a task's first {@code posts} posts, in the order they were first
     * posted (bounded work however long the conversation).
     */
    public Uni<List<String>> linksOfTask(long taskId, int posts, int max) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT link FROM (
                    SELECT DISTINCT ON (l.link) l.link, m.created_at, m.id, l.n
                    FROM (SELECT id, created_at, links FROM mention WHERE task_id = :taskId
                          ORDER BY created_at, id LIMIT :posts) m
                    CROSS JOIN LATERAL unnest(m.links) WITH ORDINALITY AS l(link, n)
                    ORDER BY l.link, m.created_at, m.id, l.n) first
                ORDER BY created_at, id, n LIMIT :max
                """, String.class)
                .setParameter("taskId", taskId)
                .setParameter("posts", posts)
                .setParameter("max", max)
                .getResultList());
    }

    /** How many mentions of a task were created after {@code since}. */
    public Uni<Long> countSince(long taskId, Instant since) {
        return count("taskId = ?1 and createdAt > ?2", taskId, since);
    }

    /**
     * The mentions of one author on a source (by handle, in any case and with or without a leading {@code @}, or by
     * author id), newest first, at most {@code max}.
     */
    public Uni<List<MentionEntity>> byAuthor(String source, String author, int max) {
        return find("source = ?1 and (lower(trim(leading '@' from authorHandle)) = lower(trim(leading '@' from ?2))"
                + " or authorId = ?2) order by createdAt desc, id desc", source, author).range(0, max - 1).list();
    }

    /** The newest post of a task, or null when it has none. */
    public Uni<MentionEntity> latestOfTask(long taskId) {
        return find("taskId = ?1 order by createdAt desc, id desc", taskId).firstResult();
    }
}
