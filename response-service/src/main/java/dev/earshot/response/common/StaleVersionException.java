package dev.earshot.response.common;

/** If-Match names a version that is no longer current (answered 412). */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(String detail) {
        super(detail);
    }
}
