package dev.earshot.response.task;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "An internal note on a task (never published)")
public record NoteView(long id, String author, String text, Instant createdAt) {
}
