package dev.earshot.response.webhook.delivery;

import java.time.Duration;

/**
 * What one outgoing request got back. {@code statusCode} is null when no answer came (refused by
 * the address guard, connection failure, timeout); {@code error} then says why. A refusal by the
 * address guard starts with {@link #REFUSED}; it is final, while no answer is worth a retry.
 *
 * @param retryAfter how long the receiver asked us to wait (Retry-After, Discord's retry_after), or null
 * @param body       the start of the answer's body, for the delivery log
 */
public record SendResult(Integer statusCode, String error, Duration retryAfter, String body, long durationMillis) {

    public static final String REFUSED = "address refused: ";

    static SendResult refused(String reason, long durationMillis) {
        return new SendResult(null, REFUSED + reason, null, null, durationMillis);
    }

    public boolean success() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** The address guard refused the URL (or a redirect target): nothing was sent there. */
    public boolean refused() {
        return statusCode == null && error != null && error.startsWith(REFUSED);
    }
}
