package dev.earshot.response.webhook.format;

import java.util.Map;

/** A rendered request body and the headers that go with it (content type, signatures). */
public record OutgoingMessage(byte[] body, Map<String, String> headers) {
}
