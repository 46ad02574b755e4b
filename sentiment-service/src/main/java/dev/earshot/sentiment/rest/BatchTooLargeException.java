package dev.earshot.sentiment.rest;

/** More texts than {@code earshot.sentiment.max-batch} (answered 413). */
public class BatchTooLargeException extends RuntimeException {
    public BatchTooLargeException(String message) {
        super(message, null, false, false);
    }
}
