package dev.earshot.response.common;

/**
 * The safety nets of a write: the If-Match header (null when absent), and the Idempotency-Key
 * (null when absent) with a fingerprint of the request it came with.
 */
public record Preconditions(String ifMatch, String idempotencyKey, String fingerprint) {

    public static final Preconditions NONE = new Preconditions(null, null, null);
}
