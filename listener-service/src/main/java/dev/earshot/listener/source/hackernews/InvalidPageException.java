package dev.earshot.listener.source.hackernews;

/** A whole search page that is not the JSON the Algolia API documents: the poll of that rule fails. */
public class InvalidPageException extends RuntimeException {

    public InvalidPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
