package dev.earshot.response.task;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskNoteRepository implements PanacheRepositoryBase<TaskNoteEntity, Long> {

    /** At most {@code max} notes of a task older than note {@code beforeId} (null: from the newest), newest first. */
    public Uni<List<TaskNoteEntity>> pageOfTask(long taskId, Long beforeId, int max) {
        return (beforeId == null ? find("taskId = ?1 order by id desc", taskId)
                : find("taskId = ?1 and id < ?2 order by id desc", taskId, beforeId)).range(0, max - 1).list();
    }
}
