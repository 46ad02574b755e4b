package dev.earshot.web;

/** A body or batch over its limit, with a message naming the limit: answered 413 payload-too-large. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
