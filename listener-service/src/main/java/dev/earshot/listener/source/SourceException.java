package dev.earshot.listener.source;

import java.time.Duration;

/**
 * Why a page of a feed could not be read: the one failure family of every connector (all of them speak HTTP
 * through {@code SourceHttpClient}). The poller decides the back-off from the subtype and keeps the one
 * circuit breaker, per source and instance in Redis, so every replica sees it.
 */
public abstract sealed class SourceException extends RuntimeException {

    protected SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 429 or an exhausted rate-limit budget; {@code retryAfter} from {@code Retry-After} or reset headers, else null. */
    public static final class RateLimited extends SourceException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * 401/403, or a feed the instance restricts (e.g. an empty public timeline that needs a login): reported
     * on the source status and retried only after a long back-off, never in a tight loop.
     */
    public static final class AccessDenied extends SourceException {
        public AccessDenied(String message) {
            super(message, null);
        }
    }

    /** 5xx, other unexpected statuses, connection failures and timeouts. */
    public static final class Upstream extends SourceException {
        private final int status;

        public Upstream(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no response. */
        public int status() {
            return status;
        }
    }

    /**
     * The feed answered with a redirect the listener will not follow: to a non-public address (loopback,
     * private, link-local such as the cloud metadata service 169.254.169.254, ...) on another host than the
     * configured one, not http(s), or more than three in a row. The message names the host and the reason,
     * never the query string. Like {@link AccessDenied}, retried only after the long back-off: it is the
     * feed's answer, not a passing fault.
     */
    public static final class RedirectRefused extends SourceException {
        public RedirectRefused(String message) {
            super(message, null);
        }
    }

    /** The body is not what the platform documents (invalid JSON, wrong shape, too large). */
    public static final class InvalidPage extends SourceException {
        public InvalidPage(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
