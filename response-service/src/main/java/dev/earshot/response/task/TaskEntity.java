package dev.earshot.response.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.earshot.response.common.ConflictException;

/**
 * A response task: one per conversation. Rows are created by {@link TaskRepository#insertIfAbsent}. Its
 * lifecycle (status changes with their bookkeeping, the SLA clock) is the methods below: plain Java, tested
 * without Quarkus. Callers lock the row, call one of them, then bump {@link #version} and write the audit trail.
 */
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
    @Convert(converter = TaskStatusConverter.class)
    public TaskStatus status;

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

    /** The latest recorded reply's link (null for one without); every reply is a {@link TaskReplyEntity}. */
    @Column(name = "reply_url")
    public String replyUrl;

    @Column(name = "reply_text")
    public String replyText;

    @Column(name = "dismiss_reason")
    public String dismissReason;

    /** Who recorded the latest reply (a customer's follow-up post goes back to them), and when; null before any. */
    @Column(name = "last_reply_by")
    public String lastReplyBy;

    @Column(name = "last_reply_at")
    public Instant lastReplyAt;

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

    /** The fields a person corrected (tier, sentiment, intents, needsReply, spam): new posts do not recompute them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "corrected_fields")
    public List<String> correctedFields;

    public boolean isCorrected(String field) {
        return correctedFields != null && correctedFields.contains(field);
    }

    public void markCorrected(String field) {
        if (!isCorrected(field)) {
            List<String> fields = new java.util.ArrayList<>(correctedFields == null ? List.of() : correctedFields);
            fields.add(field);
            correctedFields = fields;
        }
    }

    /** Seconds between the customer's post that started the SLA clock and when Earshot stored it. */
    @Column(name = "ingest_lag_seconds")
    public Double ingestLagSeconds;

    /** While snoozed: when the snooze began. The SLA clock is paused until the task wakes. */
    @Column(name = "snoozed_at")
    public Instant snoozedAt;

    /** Seconds the current SLA clock spent paused by snoozes that ended (already added to slaDueAt). */
    @Column(name = "sla_paused_seconds")
    public double slaPausedSeconds;

    /** The first characters of the most recent post needing a reply. */
    @Column(name = "reply_excerpt")
    public String replyExcerpt;

    /** The language of the most recent post needing a reply. */
    @Column(name = "reply_language")
    public String replyLanguage;

    /** When the most recent post needing a reply was posted. */
    @Column(name = "reply_post_at")
    public Instant replyPostAt;

    /** Priority inputs of the conversation so far: the highest urgency. */
    @Column(name = "max_urgency")
    public Double maxUrgency;

    /** The lowest sentiment score. */
    @Column(name = "min_sentiment")
    public Double minSentiment;

    @Column(name = "max_followers")
    public Long maxFollowers;

    @Column(name = "max_engagement")
    public Long maxEngagement;

    /** The most posts seen within the velocity window. */
    @Column(name = "max_recent_posts")
    public int maxRecentPosts = 1;

    /**
     * The queue order's first key: slaDueAt rounded down to 5 minutes, kept by a database trigger (read only here;
     * mapped so that native {@code SELECT *} queries read every column).
     */
    @Column(name = "sla_bucket", insertable = false, updatable = false)
    public Instant slaBucket;

    /** The urgency reasons of the posts, each once. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "urgency_reasons")
    public List<String> urgencyReasons;

    /** 409 unless the task is in one of {@code allowed}: "cannot {action} task {id} while it is {status}". */
    public void requireStatus(String action, TaskStatus... allowed) {
        for (TaskStatus s : allowed) {
            if (s == status) {
                return;
            }
        }
        throw new ConflictException("cannot " + action + " task " + id + " while it is " + status);
    }

    public boolean isTerminal() {
        return !status.isActive();
    }

    /** Takes the task for {@code who}: claimed, no longer snoozed. */
    public void claim(String who, Instant now) {
        moveTo(TaskStatus.CLAIMED);
        assignee = who;
        claimedAt = now;
        endSnooze(now);
    }

    /** Gives the task to {@code who}; a snoozed task stays snoozed. Returns the assignee before. */
    public String assign(String who, Instant now) {
        String before = assignee;
        assignee = who;
        claimedAt = now;
        if (status != TaskStatus.SNOOZED) {
            moveTo(TaskStatus.CLAIMED);
        }
        return before;
    }

    /** Nobody has the task any more; a claimed task is open again. Returns the assignee before. */
    public String unassign() {
        String before = assignee;
        assignee = null;
        claimedAt = null;
        if (status == TaskStatus.CLAIMED) {
            moveTo(TaskStatus.OPEN);
        }
        return before;
    }

    /** Hides the task until {@code until}; its SLA clock is paused from {@code now} (a re-snooze keeps the pause). */
    public void snooze(Instant until, Instant now) {
        moveTo(TaskStatus.SNOOZED);
        snoozedUntil = until;
        if (snoozedAt == null) {
            snoozedAt = now;
        }
    }

    /** Ends a snooze (its time came, or a post arrived): claimed when someone has it, else open. */
    public void wake(Instant now) {
        moveTo(assignee == null ? TaskStatus.OPEN : TaskStatus.CLAIMED);
        endSnooze(now);
    }

    /**
     * No longer snoozed: the paused time is added to the SLA (an answer not yet given is due that much later).
     */
    void endSnooze(Instant now) {
        snoozedUntil = null;
        if (snoozedAt != null) {
            if (respondedAt == null && now.isAfter(snoozedAt)) {
                Duration paused = Duration.between(snoozedAt, now);
                slaPausedSeconds += paused.toNanos() / 1e9;
                slaDueAt = slaDueAt.plus(paused);
            }
            snoozedAt = null;
        }
    }

    /** When the current SLA clock ends for a tier's SLA: its start, plus the SLA, plus the time paused by snoozes. */
    public Instant slaDue(Duration sla) {
        return slaStartedAt.plus(sla).plusNanos((long) (slaPausedSeconds * 1e9));
    }

    /**
     * Resolves the task: the answer of the current SLA clock and, the first time only, the task's first
     * response (a reopen restarts the clock but never rewrites the first response). Whoever resolves an
     * unassigned task gets it. {@code replyUrl} null: the reply was made elsewhere (a chat tool) and the
     * reply fields stay as they are. Returns whether the answer came within the SLA.
     */
    public boolean resolve(String by, Instant now, String replyUrl, String replyText) {
        moveTo(TaskStatus.RESOLVED);
        endSnooze(now);
        resolvedAt = now;
        if (replyUrl != null) {
            this.replyUrl = replyUrl;
            this.replyText = replyText;
        }
        if (assignee == null) {
            assignee = by;
            claimedAt = now;
        }
        boolean inSla = !now.isAfter(slaDueAt);
        respondedAt = now;
        firstResponse(by, now, inSla);
        return inSla;
    }

    /**
     * Records that {@code by} replied (the reply itself is a {@link TaskReplyEntity}); the status and assignee stay
     * as they are. The reply answers the current SLA clock unless it already was, and is the task's first response
     * when there was none. Returns whether it answered the clock within the SLA; null when the clock was answered.
     */
    public Boolean replied(String by, Instant now, String link, String text) {
        replyUrl = link;
        replyText = text;
        lastReplyBy = by;
        lastReplyAt = now;
        if (respondedAt != null) {
            return null;
        }
        boolean inSla = !now.isAfter(slaDueAt);
        respondedAt = now;
        firstResponse(by, now, inSla);
        return inSla;
    }

    private void firstResponse(String by, Instant now, boolean inSla) {
        if (firstResponseAt == null) {
            firstResponseAt = now;
            firstResponseBy = by;
            firstResponseInSla = inSla;
            firstResponseSeconds = Duration.between(slaStartedAt, now).toNanos() / 1e9;
        }
    }

    public void dismiss(String reason, Long duplicateOf, Instant now) {
        moveTo(TaskStatus.DISMISSED);
        endSnooze(now);
        dismissReason = reason;
        if (duplicateOf != null) {
            duplicateOfTaskId = duplicateOf;
        }
    }

    /** Open again, unassigned, waiting for a new answer within {@code sla} from now. */
    public void reopen(Instant now, Duration sla) {
        moveTo(TaskStatus.OPEN);
        assignee = null;
        claimedAt = null;
        resolvedAt = null;
        dismissReason = null;
        restartSla(now, sla);
    }

    /**
     * A reopened task needs a new answer: its SLA clock starts again now. The recorded first response
     * (who answered first, and how fast) stays as it is.
     */
    public void restartSla(Instant now, Duration sla) {
        slaStartedAt = now;
        slaPausedSeconds = 0;
        slaDueAt = now.plus(sla);
        respondedAt = null;
        slaWarnedAt = null;
        slaBreachAlertedAt = null;
    }

    /**
     * Seconds until the SLA is breached (negative once it is); null once answered, resolved or dismissed. While
     * snoozed the clock is paused: the time left when the snooze began.
     */
    public Long secondsToBreach(Instant now) {
        return secondsToBreach(status, respondedAt, slaDueAt, snoozedAt, now);
    }

    /** The one rule for {@code secondsToBreach}, also for rows read without an entity. */
    public static Long secondsToBreach(TaskStatus status, Instant respondedAt, Instant slaDueAt, Instant snoozedAt,
            Instant now) {
        if (respondedAt != null || slaDueAt == null || !status.isActive()) {
            return null;
        }
        return Duration.between(snoozedAt != null && snoozedAt.isBefore(now) ? snoozedAt : now, slaDueAt).toSeconds();
    }

    private void moveTo(TaskStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("task " + id + " cannot go from " + status + " to " + next);
        }
        status = next;
    }
}
