package dev.earshot.response.webhook.slack;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Builds Slack interaction requests the way Slack sends them, signed by Slack's own Java SDK. */
final class SlackRequests {

    static final String PATH = "/api/v1/integrations/slack/actions";
    /** %test.earshot.slack.signing-secret */
    static final String SECRET = "test-signing-secret-not-for-production";
    static final String ALICE = "UALICE0001";
    static final String BOB = "UBOB000002";
    static final String LENA = "ULENA00003";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackRequests() {
    }

    /** A block_actions payload for one click on a button, as Slack documents it. */
    static ObjectNode click(String slackUser, String actionId, String value, String responseUrl) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("type", "block_actions");
        ObjectNode user = root.putObject("user");
        user.put("id", slackUser);
        user.put("username", "user-" + slackUser.toLowerCase());
        user.put("name", "user-" + slackUser.toLowerCase());
        user.put("team_id", "T0EARSHOT");
        root.put("api_app_id", "A0EARSHOT");
        root.put("token", "legacy-verification-token-unused");
        ObjectNode container = root.putObject("container");
        container.put("type", "message");
        container.put("message_ts", "1764067200.000100");
        container.put("channel_id", "C0ALERTS");
        container.put("is_ephemeral", false);
        root.put("trigger_id", "1234567890.0987654321.abcdef");
        root.putObject("team").put("id", "T0EARSHOT").put("domain", "acme");
        root.putObject("channel").put("id", "C0ALERTS").put("name", "alerts");
        root.put("response_url", responseUrl);
        ObjectNode action = root.putArray("actions").addObject();
        action.put("action_id", actionId);
        action.put("block_id", "earshot_actions_" + value);
        action.putObject("text").put("type", "plain_text").put("text", "Claim").put("emoji", true);
        action.put("value", value);
        action.put("type", "button");
        action.put("action_ts", "1764067260.123456");
        return root;
    }

    /** The form body Slack posts: payload=<url-encoded JSON>. */
    static byte[] form(ObjectNode payload) {
        try {
            return ("payload=" + URLEncoder.encode(MAPPER.writeValueAsString(payload), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    /**
     * Slack's signature of the raw bytes, by the SDK's generator. The SDK hashes a String with the
     * platform charset, so the bytes go in decoded with that same charset, which gives them back
     * unchanged.
     */
    static String sign(String secret, String timestamp, byte[] body) {
        return new SlackSignature.Generator(secret).generate(timestamp, new String(body, Charset.defaultCharset()));
    }

    /** A request whose body goes out byte for byte, with no charset added to the content type. */
    static RequestSpecification request(byte[] body) {
        return given().config(RestAssured.config()
                        .encoderConfig(encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded").body(body);
    }

    static Response post(byte[] body, String timestamp, String signature) {
        RequestSpecification request = request(body);
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.post(PATH);
    }

    /** Posts a click signed with the test secret and the current time. */
    static Response postSigned(byte[] body) {
        String timestamp = now();
        return post(body, timestamp, sign(SECRET, timestamp, body));
    }
}
