package dev.earshot.response.task;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "A reply an agent made to the customer and recorded")
public record ReplyView(
        long id,
        @Schema(description = "Who replied") String author,
        @Schema(enumeration = {"public", "dm", "email", "other"}) String channel,
        @Schema(description = "Link to the reply (always there for a public one)", nullable = true) String link,
        @Schema(nullable = true) String text,
        @Schema(description = "When it was recorded") Instant createdAt) {

    static ReplyView of(TaskReplyEntity r) {
        return new ReplyView(r.id, r.author, r.channel, r.link, r.text, r.createdAt);
    }
}
