package dev.earshot.response.webhook.delivery;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt the wait is uniform in
 * [0, min(max, base * 2^(n-1))]; a receiver's own Retry-After wins, capped at max.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;
    /** Picks a number in [0, bound]; random in production, fixed in tests. */
    private final LongUnaryOperator jitter;

    Backoff(Duration base, Duration max, LongUnaryOperator jitter) {
        this.base = base;
        this.max = max;
        this.jitter = jitter;
    }

    /** The longest wait after {@code attempts} failed attempts (1 or more). */
    Duration ceiling(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        long millis = base.toMillis();
        long capped = max.toMillis();
        for (int i = 0; i < doublings && millis < capped; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capped));
    }

    Duration delay(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long bound = ceiling(attempts).toMillis();
        return Duration.ofMillis(Math.max(0, Math.min(bound, jitter.applyAsLong(bound))));
    }
}
