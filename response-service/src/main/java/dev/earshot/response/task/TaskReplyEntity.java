package dev.earshot.response.task;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A reply an agent made to the customer of a task, recorded by them: channel public, dm, email or other (the
 * table's check); a public one has a link.
 */
@Entity
@Table(name = "task_reply")
public class TaskReplyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id", nullable = false)
    public Long taskId;

    public String author;
    public String channel;
    public String link;
    public String text;

    @Column(name = "created_at")
    public Instant createdAt;

    public static TaskReplyEntity of(long taskId, String author, String channel, String link, String text, Instant at) {
        TaskReplyEntity r = new TaskReplyEntity();
        r.taskId = taskId;
        r.author = author;
        r.channel = channel;
        r.link = link;
        r.text = text;
        r.createdAt = at;
        return r;
    }
}
