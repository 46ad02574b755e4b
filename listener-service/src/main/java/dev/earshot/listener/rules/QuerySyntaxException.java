package dev.earshot.listener.rules;

/** A rule query that does not parse; {@code column} is 1-based and named in the message. */
public class QuerySyntaxException extends RuntimeException {

    private final int column;

    public QuerySyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
