package dev.earshot.messaging;

/**
 * A publish that did not end in a durable queue: the broker was unreachable, refused or returned the message
 * (no queue bound), or did not confirm it in time. Always worth retrying: the caller keeps the message.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
