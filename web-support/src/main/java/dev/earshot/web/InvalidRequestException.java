package dev.earshot.web;

/** A request this API cannot accept, with a message written for the caller: answered 400 invalid-request. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String detail) {
        super(detail);
    }
}
