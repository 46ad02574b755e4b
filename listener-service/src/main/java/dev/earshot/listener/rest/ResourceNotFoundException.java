package dev.earshot.listener.rest;

/** A named resource that does not exist: answered 404 with this message. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
