package dev.earshot.response.webhook.delivery;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * How long a receiver asked us to wait: Discord's 429 JSON {@code retry_after}, else the Retry-After header (read
 * by web-support's {@link dev.earshot.web.RetryAfter}).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param header the Retry-After value (delay in seconds or an HTTP-date), or null
     * @param status the answer's status code
     * @param body   the start of the answer's body
     * @return the wait, never negative; null when the receiver did not say
     */
    static Duration parse(String header, int status, String body, Instant now) {
        Duration fromBody = status == 429 ? discordRetryAfter(body) : null;
        if (fromBody != null) {
            return fromBody;
        }
        return dev.earshot.web.RetryAfter.parse(header, now);
    }

    /** Discord answers 429 with {"message": ..., "retry_after": 0.6, "global": false}, seconds. */
    static Duration discordRetryAfter(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            Object value = new JsonObject(body).getValue("retry_after");
            if (!(value instanceof Number number)) {
                return null;
            }
            BigDecimal seconds = new BigDecimal(number.toString());
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
                return null;
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        } catch (DecodeException | NumberFormatException | ClassCastException e) {
            return null;
        }
    }
}
