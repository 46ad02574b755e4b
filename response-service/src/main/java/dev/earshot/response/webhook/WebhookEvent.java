package dev.earshot.response.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing that happened, as stored in the outbox and rendered for each chat tool: a snapshot taken
 * in the transaction of the change, so a delivery shows the task as it was when the event happened.
 * Exactly one of {@code task} and {@code spike} is set. This is also the {@code data} of the generic
 * JSON format.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEvent(
        /** Unique per event; the Standard Webhooks {@code webhook-id}, so receivers can drop repeats. */
        String id,
        /** {@link WebhookEventType#id()}. */
        String type,
        Instant occurredAt,
        TaskSnapshot task,
        SpikeSnapshot spike) {

    /** A task at the time of the event, with what a reader needs to judge it at a glance. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskSnapshot(
            long id,
            /** P1..P4. */
            String tier,
            /** The tier before an escalation; null otherwise. */
            String previousTier,
            double priorityScore,
            List<String> priorityReasons,
            String status,
            String team,
            String source,
            String title,
            /** Link to the post on its platform. */
            String permalink,
            /** Link to the task in Earshot (earshot.webhooks.task-url, with {id}); null when not configured. */
            String taskUrl,
            String authorHandle,
            /** Followers of the author of the latest post; null when the platform does not say. */
            Long authorFollowers,
            /** The latest post's text, at most 500 characters (cut on a word, with an ellipsis). */
            String excerpt,
            /** negative, neutral, positive: the worst among the posts. */
            String sentimentLabel,
            /** -1..1 of the latest post; null when unknown. */
            Double sentimentScore,
            List<String> intents,
            List<String> matchedRules,
            int mentionCount,
            boolean needsReply,
            Instant slaDueAt,
            /** Seconds until the first-response SLA breaches at the time of the event; negative once breached. */
            Long secondsToBreach,
            String assignee,
            /** The latest recorded reply's link; for task.resolved, also who answered. */
            String replyUrl,
            String resolvedBy,
            /** Who recorded the latest reply (for task.replied: this one; replyUrl is its link, if any). */
            String repliedBy) {

        /** A snapshot without a recorded reply. */
        public TaskSnapshot(long id, String tier, String previousTier, double priorityScore,
                List<String> priorityReasons, String status, String team, String source, String title,
                String permalink, String taskUrl, String authorHandle, Long authorFollowers, String excerpt,
                String sentimentLabel, Double sentimentScore, List<String> intents, List<String> matchedRules,
                int mentionCount, boolean needsReply, Instant slaDueAt, Long secondsToBreach, String assignee,
                String replyUrl, String resolvedBy) {
            this(id, tier, previousTier, priorityScore, priorityReasons, status, team, source, title, permalink,
                    taskUrl, authorHandle, authorFollowers, excerpt, sentimentLabel, sentimentScore, intents,
                    matchedRules, mentionCount, needsReply, slaDueAt, secondsToBreach, assignee, replyUrl,
                    resolvedBy, null);
        }
    }

    /** Mention volume of one listening rule in the last window against its trailing baseline. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpikeSnapshot(
            String rule,
            Instant windowStart,
            Instant windowEnd,
            long mentions,
            long negativeMentions,
            /** negativeMentions / mentions, 0 when there are none. */
            double negativeShare,
            /** Mean and standard deviation of the mentions per window over the baseline windows. */
            double baselineMean,
            double baselineStdDev,
            /** The count the window had to exceed: mean + k * sd (with the configured minimum). */
            double threshold,
            double baselineNegativeShare,
            /** Why it fired: "volume", "negative share" or both. */
            List<String> reasons,
            /** Up to three example posts of the window. */
            List<SpikeExample> examples) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpikeExample(String permalink, String authorHandle, String excerpt, String sentimentLabel) {
    }
}
