package dev.earshot.response.task.service;

/** An Idempotency-Key sent again with a different request (answered 422). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
