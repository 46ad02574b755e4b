package dev.earshot.response.task;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the audit trail: who changed what on a task, and when. */
@Entity
@Table(name = "task_event")
public class TaskEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id", nullable = false)
    public Long taskId;

    public String actor;
    public String action;
    public Instant at;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    public String detail;

    public static TaskEventEntity of(long taskId, String actor, String action, Instant at, TaskStatus fromStatus,
            TaskStatus toStatus, String detail) {
        TaskEventEntity e = new TaskEventEntity();
        e.taskId = taskId;
        e.actor = actor;
        e.action = action;
        e.at = at;
        e.fromStatus = fromStatus == null ? null : fromStatus.wire();
        e.toStatus = toStatus == null ? null : toStatus.wire();
        e.detail = detail;
        return e;
    }
}
