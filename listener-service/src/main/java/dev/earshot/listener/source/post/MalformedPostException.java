package dev.earshot.listener.source.post;

/** One post of a page cannot be read; the connector puts it in the page's rejected posts. */
public class MalformedPostException extends RuntimeException {

    public MalformedPostException(String message) {
        super(message, null, false, false);
    }
}
