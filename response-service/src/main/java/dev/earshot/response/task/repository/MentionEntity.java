package dev.earshot.response.task.repository;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One scored mention, keyed by its stable id ({@code source:instance:nativeId}). */
@Entity
@Table(name = "mention")
public class MentionEntity {

    @Id
    public String id;

    @Column(name = "task_id", nullable = false)
    public Long taskId;

    @Column(name = "conversation_id")
    public String conversationId;

    public String source;
    public String permalink;

    @Column(name = "author_handle")
    public String authorHandle;

    @Column(name = "author_display_name")
    public String authorDisplayName;

    @Column(name = "author_followers")
    public Long authorFollowers;

    public String text;
    public String title;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    @Column(name = "sentiment_score")
    public Double sentimentScore;

    @Column(name = "urgency_score")
    public Double urgencyScore;

    @Column(name = "urgency_level")
    public String urgencyLevel;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "urgency_reasons")
    public List<String> urgencyReasons;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> intents;

    public String language;

    @Column(name = "model_version")
    public String modelVersion;

    @Column(name = "received_at")
    public Instant receivedAt;
}
