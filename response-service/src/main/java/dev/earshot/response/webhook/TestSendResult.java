package dev.earshot.response.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the endpoint answered to a test message. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The endpoint's answer to a test message")
public record TestSendResult(
        boolean delivered,
        String eventType,
        @Schema(description = "HTTP status the endpoint answered; absent when no answer came") Integer statusCode,
        @Schema(description = "Why it failed: refused address, connection error, timeout, status") String error,
        long durationMillis,
        @Schema(description = "The start of the endpoint's answer") String body) {
}
