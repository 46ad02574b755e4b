package dev.earshot.response.task.repository;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A response task: one per conversation. Rows are created by {@link TaskRepository#insertIfAbsent}. */
@Entity
@Table(name = "task")
public class TaskEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false, unique = true)
    public String conversationId;

    public String source;
    public String title;
    public String permalink;
    public String status;

    @Column(name = "priority_score")
    public double priorityScore;

    public String tier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "priority_reasons")
    public List<String> priorityReasons;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    @Column(name = "negative_count")
    public int negativeCount;

    @Column(name = "mention_count")
    public int mentionCount;

    @Column(name = "first_mention_at")
    public Instant firstMentionAt;

    @Column(name = "last_mention_at")
    public Instant lastMentionAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sla_due_at")
    public Instant slaDueAt;
}
