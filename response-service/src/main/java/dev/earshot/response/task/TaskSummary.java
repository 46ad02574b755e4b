package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A response task in the queue: one per conversation. */
// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "A response task in the queue: one per conversation")
public record TaskSummary(
        long id,
        String conversationId,
        String source,
        String title,
        @Schema(description = "Permalink of the conversation's first post seen") String permalink,
        @Schema(enumeration = {"open", "claimed", "snoozed", "resolved", "dismissed"}) String status,
        @Schema(description = "0..100, higher is more urgent") double priorityScore,
        @Schema(enumeration = {"P1", "P2", "P3", "P4"}) String tier,
        @Schema(description = "Why the task has this priority") List<String> priorityReasons,
        @Schema(description = "Worst sentiment among the posts") String sentimentLabel,
        int mentionCount,
        int negativeCount,
        int positiveCount,
        Instant firstMentionAt,
        Instant lastMentionAt,
        Instant createdAt,
        @Schema(description = "First response due: when the SLA clock started (the customer's post needing a reply, "
                + "or a reopen) + SLA of the tier + time spent snoozed")
        Instant slaDueAt,
        @Schema(description = "Seconds until the SLA is breached, negative once breached; null once answered; "
                + "while snoozed, frozen at the time left when the snooze began (the clock is paused)")
        Long secondsToBreach,
        String team,
        @Schema(description = "Who claimed the task (claimed by), null when nobody") String assignee,
        @Schema(description = "False while no post of the conversation needs a human answer") boolean needsReply,
        @Schema(description = "Union of the intents of the posts") List<String> intents,
        @Schema(description = "Author of the first post seen") String authorHandle,
        Instant snoozedUntil,
        @Schema(description = "Version of the task, the value of its ETag") long version,
        @Schema(description = "Seconds between the customer's post that started the SLA clock and when Earshot stored "
                + "it (the clock counts from the post)", nullable = true) Double ingestLagSeconds,
        @Schema(description = "The first 200 characters of the most recent post needing a reply", nullable = true)
        String excerpt,
        @Schema(description = "Language of that post (ISO 639-1), as detected", nullable = true) String language,
        @Schema(description = "Who has the task open right now (viewing heartbeats)") List<String> viewers) {
}
