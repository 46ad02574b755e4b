package dev.earshot.listener.source.rss;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a feed's cursor remembers: the validators for the next conditional GET and the newest entry date
 * read so far. Stored as JSON.
 */
@RegisterForReflection // serialised with Jackson outside any REST endpoint
public record FeedCursor(String etag, String lastModified, Instant newest) {

    static FeedCursor parse(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, FeedCursor.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    String format(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed cursor is always serialisable", e);
        }
    }
}
