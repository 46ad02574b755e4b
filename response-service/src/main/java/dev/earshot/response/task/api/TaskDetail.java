package dev.earshot.response.task.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A task with all the mentions of its conversation, oldest first")
public record TaskDetail(
        long id,
        String conversationId,
        String source,
        String title,
        String permalink,
        String status,
        double priorityScore,
        @Schema(enumeration = {"P1", "P2", "P3", "P4"}) String tier,
        List<String> priorityReasons,
        String sentimentLabel,
        int mentionCount,
        int negativeCount,
        Instant firstMentionAt,
        Instant lastMentionAt,
        Instant createdAt,
        Instant updatedAt,
        Instant slaDueAt,
        List<MentionView> mentions) {
}
