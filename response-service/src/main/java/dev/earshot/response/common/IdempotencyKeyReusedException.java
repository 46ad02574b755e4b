package dev.earshot.response.common;

/** An Idempotency-Key sent again with a different request (answered 422). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
