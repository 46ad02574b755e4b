package dev.earshot.response.workflow;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.Caller;
import dev.earshot.response.common.Clocks;
import dev.earshot.response.common.WorkflowConfig;
import dev.earshot.response.task.TaskNotFoundException;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.ViewerRepository;
import dev.earshot.response.task.ViewerView;
import dev.earshot.response.task.Viewers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The "viewing" heartbeat: shows the caller on a task until earshot.workflow.viewing-ttl passes. */
@ApplicationScoped
public class Viewing {

    private final TaskRepository tasks;
    private final ViewerRepository viewers;
    private final WorkflowConfig config;
    private final Clock clock;

    public Viewing(TaskRepository tasks, ViewerRepository viewers, WorkflowConfig config, Clock clock) {
        this.tasks = tasks;
        this.viewers = viewers;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Viewers> beat(long id, Caller caller, boolean leaving) {
        Instant now = Clocks.now(clock);
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .flatMap(task -> (leaving ? viewers.leave(id, caller.name())
                        : viewers.beat(id, caller.name(), now.plus(config.viewingTtl())))
                        .flatMap(x -> viewers.active(id, now))
                        .map(list -> new Viewers(id, task.assignee,
                                list.stream().map(v -> new ViewerView(v.viewer(), v.until())).toList())));
    }
}
