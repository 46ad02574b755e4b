package dev.earshot.listener.source.hackernews;

import java.time.Duration;

/** The platform answered 429; {@link #retryAfter()} is null when it did not say how long to wait. */
public class RateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("rate limited by the platform" + (retryAfter == null ? "" : ", retry after " + retryAfter));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
