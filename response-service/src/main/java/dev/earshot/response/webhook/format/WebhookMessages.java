package dev.earshot.response.webhook.format;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookFormat;

/**
 * Renders an event in a chat tool's own format. Called for every attempt, so signed formats carry
 * the attempt's own timestamp.
 */
@ApplicationScoped
public class WebhookMessages {

    /**
     * @param secrets the subscription's signing keys, newest first (used by the json format)
     * @param sentAt  the time of this attempt
     */
    public OutgoingMessage render(WebhookFormat format, List<String> secrets, WebhookEvent event, Instant sentAt) {
        throw new UnsupportedOperationException("not written yet");
    }
}
