package dev.earshot.listener.model;

import java.time.Instant;

/** A post that could not be normalised, as stored in the Redis stream {@code earshot:listener:dead-letter}. */
public record DeadLetter(String entryId, String source, String reason, String raw, Instant at) {
}
