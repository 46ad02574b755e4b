package dev.earshot.listener.source;

/** No polling source of that name: answered 404. */
public class UnknownSourceException extends RuntimeException {

    public UnknownSourceException(String source) {
        super("no polling source named " + source);
    }
}
