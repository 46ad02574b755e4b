package dev.earshot.response.webhook.delivery;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The delivery log as the API shows it. */
public final class DeliveryViews {

    private DeliveryViews() {
    }

    /** One event sent (or being sent) to one subscription; {@code taskId} is null for a volume spike. */
    @RegisterForReflection
    public record Delivery(long id, String eventId, String eventType, String status, int attempts,
            Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError,
            Instant createdAt, Instant deliveredAt, Long taskId) {
    }

    /** One request and what came back. */
    @RegisterForReflection
    public record Attempt(Instant attemptedAt, Integer statusCode, String error, int durationMillis,
            String responseBody) {
    }

    /** A delivery with all its attempts, oldest first. */
    @RegisterForReflection
    public record DeliveryDetail(Delivery delivery, List<Attempt> attempts) {
    }
}
