package dev.earshot.response.task;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Stores many mentions in one statement; a mention whose id is stored already is left as it is (a
     * redelivery). {@code rowsJson} is a JSON array of objects named by the mention table's columns (arrays as
     * JSON arrays, times in ISO-8601). Answers the ids it stored.
     */
    public Uni<List<String>> insertAllIfAbsent(String rowsJson) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO mention (id, task_id, conversation_id, source, permalink, author_id, author_handle,
                                     author_display_name, author_followers, author_profile_url, text, title,
                                     created_at, edited_at, links, matched_rules, near_duplicate_of,
                                     sentiment_label, sentiment_score, sentiment_drivers, urgency_score,
                                     urgency_level, urgency_reasons, needs_reply, intents, language,
                                     language_supported, model_version, received_at)
                SELECT id, task_id, conversation_id, source, permalink, author_id, author_handle,
                       author_display_name, author_followers, author_profile_url, text, title,
                       created_at, edited_at, links, matched_rules, near_duplicate_of,
                       sentiment_label, sentiment_score, sentiment_drivers, urgency_score,
                       urgency_level, urgency_reasons, needs_reply, intents, language,
                       language_supported, model_version, received_at
                FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(id text, task_id bigint, conversation_id text,
                     source text, permalink text, author_id text, author_handle text, author_display_name text,
                     author_followers bigint, author_profile_url text, text text, title text,
                     created_at timestamptz, edited_at timestamptz, links text[], matched_rules text[],
                     near_duplicate_of text, sentiment_label text, sentiment_score double precision,
                     sentiment_drivers text[], urgency_score double precision, urgency_level text,
                     urgency_reasons text[], needs_reply boolean, intents text[], language text,
                     language_supported boolean, model_version text, received_at timestamptz)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """, String.class)
                .setParameter("rows", rowsJson)
                .getResultList());
    }

    /**
     * For each task, how many of its mentions were created after its instant, in one query. {@code sinceJson} is
     * a JSON array of objects with task_id and since.
     */
    public Uni<Map<Long, Long>> countsSince(String sinceJson) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                SELECT t.task_id, (SELECT count(*) FROM mention m WHERE m.task_id = t.task_id AND m.created_at > t.since)
                FROM jsonb_to_recordset(CAST(CAST(:since AS text) AS jsonb)) AS t(task_id bigint, since timestamptz)
                """, Object[].class)
                .setParameter("since", sinceJson)
                .getResultList())
                .map(rows -> {
                    Map<Long, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** The task of each of these mentions that is stored. */
    public Uni<Map<String, Long>> taskIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return find("id in ?1", List.copyOf(ids)).list().map(found -> {
            Map<String, Long> taskIds = new HashMap<>();
            found.forEach(m -> taskIds.put(m.id, m.taskId));
            return taskIds;
        });
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
