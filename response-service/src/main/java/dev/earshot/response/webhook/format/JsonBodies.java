package dev.earshot.response.webhook.format;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes a JSON tree as an unsigned message body. */
final class JsonBodies {

    static final String CONTENT_TYPE = "application/json";

    private JsonBodies() {
    }

    static OutgoingMessage unsigned(ObjectMapper mapper, JsonNode body) {
        return new OutgoingMessage(bytes(mapper, body), Map.of("Content-Type", CONTENT_TYPE));
    }

    static byte[] bytes(ObjectMapper mapper, JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
