package dev.earshot.response.webhook.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Builds Slack interaction requests the way Slack sends them, signed by Slack's own Java SDK. */
final class SlackRequests {

    static final String PATH = "/api/v1/integrations/slack/actions";
    /** %test.earshot.slack.signing-secret */
    static final String SECRET = "test-signing-secret-not-for-production";
    static final String ALICE = "UALICE0001";
    static final String BOB = "UBOB000002";
    static final String LENA = "ULENA00003";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    /** What the endpoint answered. */
    record Answer(int status, String contentType, String body) {

        JsonPath json() {
            return new JsonPath(body);
        }

        /** Asserts the status and, for errors, an RFC 9457 problem with that status. */
        Answer expect(int expected) {
            assertEquals(expected, status, body);
            if (expected >= 400) {
                assertEquals("application/problem+json", contentType, body);
                assertEquals(expected, json().getInt("status"), body);
                assertEquals(PATH, json().getString("instance"), body);
            }
            return this;
        }
    }

    /**
     * Posts the body byte for byte (java.net.http, because REST Assured re-encodes form bodies), with
     * Slack's headers when not null.
     */
    static Answer post(byte[] body, String timestamp, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a click signed with the test secret and the current time. */
    static Answer postSigned(byte[] body) {
        String timestamp = now();
        return post(body, timestamp, sign(SECRET, timestamp, body));
    }
}
