package dev.earshot.response.task.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A response task in the queue: one per conversation")
public record TaskSummary(
        long id,
        String conversationId,
        String source,
        String title,
        @Schema(description = "Permalink of the conversation's first post seen") String permalink,
        String status,
        @Schema(description = "0..100, higher is more urgent") double priorityScore,
        @Schema(enumeration = {"P1", "P2", "P3", "P4"}) String tier,
        @Schema(description = "Why the task has this priority") List<String> priorityReasons,
        @Schema(description = "Worst sentiment among the mentions") String sentimentLabel,
        int mentionCount,
        int negativeCount,
        Instant firstMentionAt,
        Instant lastMentionAt,
        Instant createdAt,
        @Schema(description = "First response due (created + SLA of the tier)") Instant slaDueAt) {
}
