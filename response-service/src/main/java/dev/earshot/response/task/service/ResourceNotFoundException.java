package dev.earshot.response.task.service;

/** Nothing with this id (answered 404). */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }
}
