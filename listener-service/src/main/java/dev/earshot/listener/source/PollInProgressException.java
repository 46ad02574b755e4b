package dev.earshot.listener.source.hackernews;

/** A poll of the source is already running. */
public class PollInProgressException extends RuntimeException {

    public PollInProgressException(String source) {
        super("a poll of " + source + " is already running");
    }
}
