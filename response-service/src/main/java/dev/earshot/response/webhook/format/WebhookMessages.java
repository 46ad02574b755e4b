package dev.earshot.response.webhook.format;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookFormat;

/**
 * Renders an event in a chat tool's own format. Called for every attempt, so signed formats carry
 * the attempt's own timestamp.
 */
@ApplicationScoped
public class WebhookMessages {

    private final JsonFormat json;
    private final SlackFormat slack;
    private final TeamsFormat teams;
    private final DiscordFormat discord;
    private final MattermostFormat mattermost;
    private final GoogleChatFormat googleChat;

    public WebhookMessages(ObjectMapper mapper) {
        this.json = new JsonFormat(mapper);
        this.slack = new SlackFormat(mapper);
        this.teams = new TeamsFormat(mapper);
        this.discord = new DiscordFormat(mapper);
        this.mattermost = new MattermostFormat(mapper);
        this.googleChat = new GoogleChatFormat(mapper);
    }

    /**
     * @param secrets the subscription's signing keys, newest first (used by the json format)
     * @param sentAt  the time of this attempt
     */
    public OutgoingMessage render(WebhookFormat format, List<String> secrets, WebhookEvent event, Instant sentAt) {
        return switch (format) {
            case JSON -> json.render(secrets, event, sentAt);
            case SLACK -> slack.render(event);
            case TEAMS -> teams.render(event);
            case DISCORD -> discord.render(event);
            case MATTERMOST -> mattermost.render(event);
            case GOOGLE_CHAT -> googleChat.render(event);
        };
    }

    /**
     * A Slack {@code response_url} body that replaces the original message: the blocks re-rendered from
     * {@code event} (the task as it is now; buttons that no longer apply are left out) plus {@code note}
     * as a context line, such as "Claimed by alice via Slack".
     */
    public OutgoingMessage slackUpdate(WebhookEvent event, String note) {
        return slack.update(event, note);
    }
}
