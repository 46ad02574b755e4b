package dev.earshot.response.task;

/** A message body that is not a readable {@code scored-mention} v1; it goes to the dead-letter queue. */
public class InvalidScoredMentionException extends RuntimeException {

    private final String messageId;

    public InvalidScoredMentionException(String messageId, String reason) {
        super(reason);
        this.messageId = messageId;
    }

    /** The mention id when the body was readable far enough to show it, else null. */
    public String messageId() {
        return messageId;
    }
}
