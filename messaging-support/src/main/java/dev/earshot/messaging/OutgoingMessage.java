package dev.earshot.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * One message to publish: where it goes (exchange and routing key; the default exchange {@code ""} routes
 * straight to the queue named by the routing key), its stable id, its type, its JSON body and extra headers.
 * Every message is published persistent, as {@code application/json}, with the mandatory flag.
 */
public record OutgoingMessage(String exchange, String routingKey, String messageId, String type, byte[] body,
        Map<String, Object> headers, Instant timestamp) {

    public OutgoingMessage {
        if (exchange == null || routingKey == null || messageId == null || body == null) {
            throw new IllegalArgumentException("exchange, routing key, message id and body are required");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static OutgoingMessage json(String exchange, String routingKey, String messageId, String type, byte[] body) {
        return new OutgoingMessage(exchange, routingKey, messageId, type, body, Map.of(), null);
    }
}
