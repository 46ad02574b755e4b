package dev.earshot.response.task;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

// Also read back from stored Idempotency-Key answers by our own ObjectMapper call.
@RegisterForReflection
@Schema(description = "Someone who has the task open, until the heartbeat expires")
public record ViewerView(String viewer, Instant until) {
}
