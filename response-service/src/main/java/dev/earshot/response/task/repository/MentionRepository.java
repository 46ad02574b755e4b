package dev.earshot.response.task.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MentionRepository implements PanacheRepositoryBase<MentionEntity, String> {

    /** The mentions of a task, oldest first. */
    public Uni<List<MentionEntity>> ofTask(long taskId) {
        return list("taskId = ?1 order by createdAt asc, id asc", taskId);
    }

    /** How many mentions of a task were created after {@code since}. */
    public Uni<Long> countSince(long taskId, Instant since) {
        return count("taskId = ?1 and createdAt > ?2", taskId, since);
    }

    /** The mentions of one author on a source (by handle or author id), newest first, at most {@code max}. */
    public Uni<List<MentionEntity>> byAuthor(String source, String author, int max) {
        return find("source = ?1 and (authorHandle = ?2 or authorId = ?2) order by createdAt desc, id desc",
                source, author).range(0, max - 1).list();
    }

    /** The newest post of a task, or null when it has none. */
    public Uni<MentionEntity> latestOfTask(long taskId) {
        return find("taskId = ?1 order by createdAt desc, id desc", taskId).firstResult();
    }
}
