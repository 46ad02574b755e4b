package dev.earshot.listener.source.http;

import java.time.Duration;
import java.time.Instant;

import dev.earshot.listener.source.SourceException;
import dev.earshot.web.RetryAfter;

/** The usual meaning of an error status, for connectors whose platform says nothing more specific. */
public final class StatusErrors {

    private StatusErrors() {
    }

    /**
     * 429 → {@link SourceException.RateLimited} (wait from {@code Retry-After}, else {@code fallbackWait}),
     * 401/403 → {@link SourceException.AccessDenied}, anything else → {@link SourceException.Upstream}.
     */
    public static SourceException forStatus(String what, HttpResult result, Duration fallbackWait) {
        int status = result.status();
        if (status == 429) {
            Duration wait = RetryAfter.parse(result.header("Retry-After"), Instant.now());
            return new SourceException.RateLimited(what + ": rate limited (429)", wait != null ? wait : fallbackWait);
        }
        if (status == 401 || status == 403) {
            return new SourceException.AccessDenied(what + ": access denied (" + status + ")");
        }
        return new SourceException.Upstream(what + ": HTTP " + status, status, null);
    }
}
