package dev.earshot.response.task.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskNoteRepository implements PanacheRepositoryBase<TaskNoteEntity, Long> {

    public Uni<List<TaskNoteEntity>> ofTask(long taskId) {
        return list("taskId = ?1 order by id asc", taskId);
    }
}
