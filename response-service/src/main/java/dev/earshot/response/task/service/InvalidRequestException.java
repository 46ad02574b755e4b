package dev.earshot.response.task.service;

/** A request parameter this API cannot accept (answered 400). */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String detail) {
        super(detail);
    }
}
