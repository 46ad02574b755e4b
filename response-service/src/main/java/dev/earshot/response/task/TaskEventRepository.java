package dev.earshot.response.task;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskEventRepository implements PanacheRepositoryBase<TaskEventEntity, Long> {

    /** At most {@code max} entries of a task's audit trail, oldest first, after entry {@code afterId} (null: all). */
    public Uni<List<TaskEventEntity>> ofTask(long taskId, Long afterId, int max) {
        return (afterId == null ? find("taskId = ?1 order by id asc", taskId)
                : find("taskId = ?1 and id > ?2 order by id asc", taskId, afterId)).range(0, max - 1).list();
    }
}
