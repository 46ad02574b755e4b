package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "A task with the newest posts of its conversation and the newest notes (each oldest first, "
        + "at most 20; older ones at GET /tasks/{id}/posts and /notes) and who is viewing it")
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
        @Schema(description = "Link of the latest recorded reply (see replies)") String replyUrl,
        String replyText,
        @Schema(enumeration = {"spam", "irrelevant", "duplicate"}) String dismissReason,
        @Schema(description = "The task of the first copy of a near-duplicate post") Long duplicateOfTaskId,
        @Schema(description = "Links found in the posts, in the order first posted (at most 100, from the first "
                + "1,000 posts; every post lists its own)") List<String> links,
        @Schema(description = "Who else has the task open right now (viewing heartbeats)") List<ViewerView> viewers,
        @Schema(description = "The newest notes (at most 20), oldest first") List<NoteView> notes,
        @Schema(description = "Cursor of GET /tasks/{id}/notes for the notes older than these; null when these are all",
                nullable = true) String olderNotesCursor,
        long version,
        @Schema(description = "The newest posts (at most 20), oldest first") List<MentionView> mentions,
        @Schema(description = "Cursor of GET /tasks/{id}/posts for the posts older than these; null when these are all",
                nullable = true) String olderMentionsCursor,
        @Schema(description = "The recorded replies (the newest 100), oldest first; replyUrl and replyText above "
                + "are the latest one's") List<ReplyView> replies,

        @Schema(description = "Seconds between the customer's post that started the SLA clock and when Earshot stored "
                + "it (the clock counts from the post)", nullable = true) Double ingestLagSeconds) {
}
