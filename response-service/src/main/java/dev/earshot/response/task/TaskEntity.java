package dev.earshot.response.task;

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

    /** When the running first-response SLA started: creation, or the last reopen. */
    @Column(name = "sla_started_at")
    public Instant slaStartedAt;

    /** Bumped by every change of the task's representation; the ETag. */
    public long version;

    public String team;

    @Column(name = "routing_reason")
    public String routingReason;

    /** True once a human chose the team: routing rules no longer move the task. */
    @Column(name = "team_locked")
    public boolean teamLocked;

    /** False while no post of the conversation needs a human answer. */
    @Column(name = "needs_reply")
    public boolean needsReply;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> intents;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "matched_rules")
    public List<String> matchedRules;

    /** The author of the first post seen (usually who started the conversation). */
    @Column(name = "author_id")
    public String authorId;

    @Column(name = "author_handle")
    public String authorHandle;

    @Column(name = "positive_count")
    public int positiveCount;

    public String assignee;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "snoozed_until")
    public Instant snoozedUntil;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "first_response_by")
    public String firstResponseBy;

    @Column(name = "first_response_in_sla")
    public Boolean firstResponseInSla;

    /** Seconds from the start of the SLA clock to the first response. A reopen never rewrites first_response_*. */
    @Column(name = "first_response_seconds")
    public Double firstResponseSeconds;

    /** When the current SLA clock was answered (a resolve); null while the task waits for an answer. */
    @Column(name = "responded_at")
    public Instant respondedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "reply_url")
    public String replyUrl;

    @Column(name = "reply_text")
    public String replyText;

    @Column(name = "dismiss_reason")
    public String dismissReason;

    @Column(name = "duplicate_of_task_id")
    public Long duplicateOfTaskId;

    /** Title and post texts, lower case, for the text filter. */
    @Column(name = "search_text")
    public String searchText;

    /** When the "SLA about to breach" alert was written for the current SLA clock; null before. */
    @Column(name = "sla_warned_at")
    public Instant slaWarnedAt;

    /** When the "SLA breached" alert was written for the current SLA clock; null before. */
    @Column(name = "sla_breach_alerted_at")
    public Instant slaBreachAlertedAt;
}
