package dev.earshot.listener.rest;

/** A request body over the limit: answered 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
