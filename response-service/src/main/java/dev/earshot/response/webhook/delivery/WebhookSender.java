package dev.earshot.response.webhook.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.webhook.format.OutgoingMessage;
import io.smallrye.mutiny.Uni;

/**
 * POSTs a message to a URL that the address guard accepts (checked after DNS resolution and on every
 * redirect). Never fails the Uni: every outcome is a {@link SendResult}.
 */
@ApplicationScoped
public class WebhookSender {

    public Uni<SendResult> send(String url, OutgoingMessage message) {
        return Uni.createFrom().failure(new UnsupportedOperationException("not written yet"));
    }
}
