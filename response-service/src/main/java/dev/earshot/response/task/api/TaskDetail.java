package dev.earshot.response.task.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "A task with all the posts of its conversation (oldest first), its notes and who is viewing it")
public record TaskDetail(
        long id,
        String conversationId,
        String source,
        String title,
        String permalink,
        @Schema(enumeration = {"open", "claimed", "snoozed", "resolved", "dismissed"}) String status,
        double priorityScore,
        @Schema(enumeration = {"P1", "P2", "P3", "P4"}) String tier,
        List<String> priorityReasons,
        String sentimentLabel,
        int mentionCount,
        int negativeCount,
        int positiveCount,
        Instant firstMentionAt,
        Instant lastMentionAt,
        Instant createdAt,
        Instant updatedAt,
        Instant slaDueAt,
        @Schema(description = "Seconds until the SLA is breached, negative once breached; null once answered")
        Long secondsToBreach,
        String team,
        @Schema(description = "Which routing rule chose the team, or who moved it") String routingReason,
        @Schema(description = "Who claimed the task (claimed by), null when nobody") String assignee,
        Instant claimedAt,
        boolean needsReply,
        List<String> intents,
        String authorId,
        String authorHandle,
        Instant snoozedUntil,
        Instant firstResponseAt,
        String firstResponseBy,
        Boolean firstResponseInSla,
        Instant resolvedAt,
        @Schema(description = "Link to our public reply") String replyUrl,
        String replyText,
        @Schema(enumeration = {"spam", "irrelevant", "duplicate"}) String dismissReason,
        @Schema(description = "The task of the first copy of a near-duplicate post") Long duplicateOfTaskId,
        @Schema(description = "Links found in the posts") List<String> links,
        @Schema(description = "Who else has the task open right now (viewing heartbeats)") List<ViewerView> viewers,
        List<NoteView> notes,
        long version,
        List<MentionView> mentions) {
}
