package dev.earshot.response.webhook.delivery;

import java.time.Duration;

/**
 * What one outgoing request got back. {@code statusCode} is null when no answer came (refused by
 * the address guard, connection failure, timeout); {@code error} then says why.
 *
 * @param retryAfter how long the receiver asked us to wait (Retry-After, Discord's retry_after), or null
 * @param body       the start of the answer's body, for the delivery log
 */
public record SendResult(Integer statusCode, String error, Duration retryAfter, String body, long durationMillis) {

    public boolean success() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
