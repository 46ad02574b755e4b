package dev.earshot.response.webhook.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.web.InvalidRequestException;

/**
 * The part of a Slack interaction payload that Earshot reads: Slack POSTs
 * {@code payload=<url-encoded JSON>}; for a button click the JSON has {@code type: block_actions},
 * the clicking {@code user}, the {@code actions} (one per click) and a {@code response_url} to update
 * the message with.
 *
 * @param type        {@code block_actions}, {@code view_submission}, ...
 * @param actionId    the first action's {@code action_id}; null when there is none
 * @param value       the first action's {@code value} (for Earshot's buttons, the task id)
 * @param responseUrl where replies and message updates go; null when Slack sent none
 */
public record SlackInteraction(String type, String userId, String userName, String actionId, String value,
        String responseUrl) {

    public static final String BLOCK_ACTIONS = "block_actions";

    /** Reads a verified form body; a body that is not a Slack interaction is a 400. */
    public static SlackInteraction parse(byte[] body, ObjectMapper mapper) {
        String json = formField(new String(body, StandardCharsets.UTF_8), "payload");
        if (json == null) {
            throw new InvalidRequestException("the body must be a form with a payload field");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("payload must be a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("payload must be a JSON object");
        }
        JsonNode user = root.path("user");
        JsonNode action = root.path("actions").path(0);
        return new SlackInteraction(text(root.get("type")), text(user.get("id")),
                text(user.has("username") ? user.get("username") : user.get("name")), text(action.get("action_id")),
                text(action.get("value")), text(root.get("response_url")));
    }

    /** The decoded value of a field of an application/x-www-form-urlencoded body; null when absent. */
    static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("the body is not valid form encoding");
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }
}
