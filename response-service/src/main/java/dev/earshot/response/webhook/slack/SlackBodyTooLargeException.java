package dev.earshot.response.webhook.slack;

/** A request body over the Slack endpoint's limit: 413. */
public class SlackBodyTooLargeException extends RuntimeException {

    public SlackBodyTooLargeException(int limit) {
        super("the body is larger than " + limit + " bytes", null, false, false);
    }
}
