package dev.earshot.web;

/** No such resource, with a message written for the caller: answered 404 not-found. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }
}
