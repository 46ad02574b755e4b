package dev.earshot.response.task.repository;

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
}
