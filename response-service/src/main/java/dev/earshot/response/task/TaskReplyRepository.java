package dev.earshot.response.task;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TaskReplyRepository implements PanacheRepositoryBase<TaskReplyEntity, Long> {

    /** The newest {@code max} replies of a task, newest first. */
    public Uni<List<TaskReplyEntity>> newestOfTask(long taskId, int max) {
        return find("taskId = ?1 order by id desc", taskId).range(0, max - 1).list();
    }
}
