package dev.earshot.response.task.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One post of a task's conversation, with its scores")
public record MentionView(
        String id,
        String source,
        String permalink,
        String authorHandle,
        String authorDisplayName,
        Long authorFollowers,
        String title,
        String text,
        Instant createdAt,
        String sentimentLabel,
        Double sentimentScore,
        Double urgencyScore,
        String urgencyLevel,
        List<String> urgencyReasons,
        List<String> intents,
        String language,
        String modelVersion,
        Instant receivedAt) {
}
