package dev.earshot.response.webhook.format;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent;

/**
 * The generic format: {@code {"type", "timestamp", "data": <WebhookEvent>}}, signed with the Standard
 * Webhooks headers. {@code webhook-id} is the event id, so it stays the same across retries and
 * receivers can drop repeats; {@code webhook-timestamp} is the time of this attempt.
 */
final class JsonFormat {

    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private final ObjectMapper mapper;

    JsonFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(List<String> secrets, WebhookEvent event, Instant sentAt) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", event.type());
        root.put("timestamp", event.occurredAt().toString());
        root.set("data", mapper.valueToTree(event));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook event " + event.id(), e);
        }
        long timestamp = sentAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(WEBHOOK_ID, event.id());
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(timestamp));
        if (secrets != null && !secrets.isEmpty()) {
            headers.put(WEBHOOK_SIGNATURE, StandardWebhooksSigner.signature(secrets, event.id(), timestamp, body));
        }
        return new OutgoingMessage(body, Collections.unmodifiableMap(headers));
    }
}
