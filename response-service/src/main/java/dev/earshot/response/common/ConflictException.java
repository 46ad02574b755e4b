package dev.earshot.response.common;

/** The request does not fit the current state, e.g. an invalid status transition (answered 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
