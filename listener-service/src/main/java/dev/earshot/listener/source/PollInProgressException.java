package dev.earshot.listener.source;

/** A poll of the source is already running: answered 409. */
public class PollInProgressException extends RuntimeException {

    public PollInProgressException(String source) {
        super("a poll of " + source + " is already running");
    }
}
