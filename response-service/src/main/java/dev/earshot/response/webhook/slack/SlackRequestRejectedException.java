package dev.earshot.response.webhook.slack;

/** A request to the Slack endpoint that does not prove it comes from Slack: 401. */
public class SlackRequestRejectedException extends RuntimeException {

    public SlackRequestRejectedException(String detail) {
        super(detail, null, false, false);
    }
}
