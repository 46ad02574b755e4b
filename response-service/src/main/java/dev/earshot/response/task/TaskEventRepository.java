package dev.earshot.response.task;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskEventRepository implements PanacheRepositoryBase<TaskEventEntity, Long> {

    public Uni<List<TaskEventEntity>> ofTask(long taskId) {
        return list("taskId = ?1 order by id asc", taskId);
    }
}
