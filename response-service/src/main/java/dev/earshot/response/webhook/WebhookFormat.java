package dev.earshot.response.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The wire format a subscription receives; {@link #id()} is its name in the API. */
public enum WebhookFormat {
    SLACK("slack"),
    TEAMS("teams"),
    DISCORD("discord"),
    MATTERMOST("mattermost"),
    GOOGLE_CHAT("google-chat"),
    /** Standard Webhooks: the event as JSON, signed with the subscription's secrets. */
    JSON("json");

    private final String id;

    WebhookFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<WebhookFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(WebhookFormat::id).toList();
    }
}
