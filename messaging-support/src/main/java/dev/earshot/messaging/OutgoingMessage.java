package dev.earshot.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * One message to publish: where it goes (exchange and routing key; the default exchange {@code ""} routes
 * straight to the queue named by the routing key), its stable id, its type, its JSON body and extra headers.
 * Every message is published persistent, with the mandatory flag; the content type is {@code application/json}
 * unless given (a dead letter keeps the type its body came with).
 */
public record OutgoingMessage(String exchange, String routingKey, String messageId, String type, byte[] body,
        Map<String, Object> headers, Instant timestamp, String contentType) {

    public OutgoingMessage {
        if (exchange == null || routingKey == null || messageId == null || body == null) {
            throw new IllegalArgumentException("exchange, routing key, message id and body are required");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        contentType = contentType == null ? "application/json" : contentType;
    }

    public static OutgoingMessage json(String exchange, String routingKey, String messageId, String type, byte[] body) {
        return new OutgoingMessage(exchange, routingKey, messageId, type, body, Map.of(), null, null);
    }
}
