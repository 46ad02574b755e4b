package dev.earshot.listener.source.bluesky;

import java.time.Duration;
import java.time.Instant;

import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.http.HttpResult;
import dev.earshot.web.RetryAfter;

/** XRPC errors: {@code {"error": "ExpiredToken", "message": "..."}} bodies and {@code ratelimit-*} headers. */
final class BlueskyErrors {

    private BlueskyErrors() {
    }

    /** Whether an answer says the access token has expired (400 or 401 with {@code ExpiredToken}). */
    static boolean expiredToken(HttpResult result) {
        return (result.status() == 400 || result.status() == 401) && result.body().contains("\"ExpiredToken\"");
    }

    static SourceException forResult(String what, HttpResult result, Duration fallbackWait) {
        int status = result.status();
        String error = errorName(result);
        if (status == 429 || "RateLimitExceeded".equals(error)) {
            Duration wait = RetryAfter.parse(result.header("Retry-After"), Instant.now());
            if (wait == null && result.header("ratelimit-reset") != null) {
                try {
                    wait = Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(result.header("ratelimit-reset").strip())));
                } catch (NumberFormatException ignored) {
                    wait = null;
                }
            }
            return new SourceException.RateLimited(what + ": rate limited (" + status + ")",
                    wait == null || wait.isNegative() ? fallbackWait : wait);
        }
        if (status == 401 || status == 403 || "AuthenticationRequired".equals(error) || "InvalidToken".equals(error)
                || "ExpiredToken".equals(error) || "AccountTakedown".equals(error)) {
            return new SourceException.AccessDenied(what + ": access denied (" + status
                    + (error == null ? "" : " " + error) + ")");
        }
        return new SourceException.Upstream(what + ": HTTP " + status + (error == null ? "" : " " + error), status, null);
    }

    /** The {@code error} name of an XRPC error body, read without a JSON parser (the body may be anything). */
    static String errorName(HttpResult result) {
        String body = result.body();
        int key = body.indexOf("\"error\"");
        if (key < 0) {
            return null;
        }
        int start = body.indexOf('"', body.indexOf(':', key) + 1);
        int end = start < 0 ? -1 : body.indexOf('"', start + 1);
        return start < 0 || end < 0 || end - start > 64 ? null : body.substring(start + 1, end);
    }
}
