package dev.earshot.listener.rest;

/** A request parameter out of its allowed range: answered 400. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
