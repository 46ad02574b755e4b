package dev.earshot.response.webhook.slack;

/** The Slack endpoint was called while no signing secret is configured: 404. */
public class SlackDisabledException extends RuntimeException {

    public SlackDisabledException() {
        super("Slack interactivity is not enabled (earshot.slack.signing-secret is not set)", null, false, false);
    }
}
