package dev.earshot.listener.source.hackernews;

/** A hit that cannot be turned into a mention; the message is the reason stored in the dead-letter stream. */
public class MalformedHitException extends Exception {

    public MalformedHitException(String reason) {
        super(reason);
    }
}
