package dev.earshot.testing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the listener's answers to {@code POST /api/v1/ingest} in clients that push posts from outside. */
public final class IngestAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestAnswers() {
    }

    /** How long to wait before sending again after a 503 or 429: its {@code Retry-After} in seconds, 1 to 10. */
    public static Duration retryAfter(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").strip());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, 10)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** The per-post outcomes ({@code items}, in the order sent) of an answer, also of a 503's; null when it has none. */
    public static JsonNode items(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.path("items").isArray() ? root.path("items") : null;
        } catch (IOException e) {
            return null;
        }
    }
}
