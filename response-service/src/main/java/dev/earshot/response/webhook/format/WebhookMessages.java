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

    public WebhookMessages(ObjectMapper mapper) {
        this.json = new JsonFormat(mapper);
    }

    /**
     * @param secrets the subscription's signing keys, newest first (used by the json format)
     * @param sentAt  the time of this attempt
     */
    public OutgoingMessage render(WebhookFormat format, List<String> secrets, WebhookEvent event, Instant sentAt) {
        return switch (format) {
            case JSON -> json.render(secrets, event, sentAt);
            default -> throw new UnsupportedOperationException("format " + format.id() + " not written yet");
        };
    }
}
