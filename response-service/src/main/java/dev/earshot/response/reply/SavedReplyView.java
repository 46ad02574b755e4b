package dev.earshot.response.reply;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "A saved reply of a team")
public record SavedReplyView(long id, String team, String name, String body, long version, String createdBy,
        Instant createdAt, Instant updatedAt) {
}
