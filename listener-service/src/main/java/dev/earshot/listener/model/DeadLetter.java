package dev.earshot.listener.model;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A post that could not be normalised, as stored in the Redis stream {@code earshot:listener:dead-letter}. */
public record DeadLetter(String entryId, String source, String reason,
        @Schema(description = "The start of the post as received: at most 4096 bytes (UTF-8)") String raw,
        @Schema(description = "True when raw is only the start of a longer post") boolean rawTruncated,
        Instant at) {
}
