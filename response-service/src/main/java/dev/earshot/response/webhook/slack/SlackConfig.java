package dev.earshot.response.webhook.slack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Acting on tasks from Slack's buttons (the app's Interactivity Request URL). */
@ConfigMapping(prefix = "earshot.slack")
public interface SlackConfig {

    /**
     * The Slack app's signing secret (Basic Information, App Credentials). Unset: the interactivity
     * endpoint answers 404, as if it did not exist.
     */
    Optional<String> signingSecret();

    /**
     * Slack user id (such as U123ABC) to Earshot agent name, the name the agent's JWT carries. Slack
     * users not listed here cannot act. Keys are matched without regard to case, so the environment
     * form {@code EARSHOT_SLACK_USERS_U123ABC=alice} works too.
     */
    Map<String, String> users();

    /** Slack user ids whose agents act with lead rights (take over tasks others claimed). */
    Optional<List<String>> leadUsers();

    /** How long the Snooze button snoozes a task. Default one hour. */
    @WithDefault("PT1H")
    Duration snoozeDuration();
}
