package dev.earshot.messaging;

/** The broker cannot be reached now: the caller should answer 503 with {@code Retry-After}. */
public class BrokerUnavailableException extends RuntimeException {

    public static final int RETRY_AFTER_SECONDS = 5;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
