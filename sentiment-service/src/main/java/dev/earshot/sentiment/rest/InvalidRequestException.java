package dev.earshot.sentiment.rest;

/** A request the service will not score (answered 400); the message is safe to show the caller. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
