package dev.earshot.response.task;

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

    @Column(name = "author_id")
    public String authorId;

    @Column(name = "author_profile_url")
    public String authorProfileUrl;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> links;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "matched_rules")
    public List<String> matchedRules;

    @Column(name = "near_duplicate_of")
    public String nearDuplicateOf;

    @Column(name = "edited_at")
    public Instant editedAt;

    /** Null when the producer did not say. */
    @Column(name = "needs_reply")
    public Boolean needsReply;

    /** "token:weight" pairs, the words that pushed the sentiment label most. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sentiment_drivers")
    public List<String> sentimentDrivers;

    @Column(name = "language_supported")
    public Boolean languageSupported;
}
