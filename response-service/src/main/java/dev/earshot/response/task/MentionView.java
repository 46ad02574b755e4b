package dev.earshot.response.task;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "One post of a task's conversation, with its scores")
public record MentionView(
        String id,
        String source,
        String permalink,
        String authorId,
        String authorHandle,
        String authorDisplayName,
        Long authorFollowers,
        String authorProfileUrl,
        String title,
        String text,
        Instant createdAt,
        Instant editedAt,
        List<String> links,
        List<String> matchedRules,
        @Schema(description = "Id of the first post with the same text, when this one is a near-duplicate")
        String nearDuplicateOf,
        String sentimentLabel,
        Double sentimentScore,
        @Schema(description = "token:weight, the words that pushed the label most") List<String> sentimentDrivers,
        Double urgencyScore,
        String urgencyLevel,
        List<String> urgencyReasons,
        @Schema(description = "Whether the post needs a human answer; null when the producer did not say")
        Boolean needsReply,
        List<String> intents,
        String language,
        String modelVersion,
        Instant receivedAt) {
}
