package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** The generic JSON format, verified by the independent Standard Webhooks library. */
class JsonFormatTest {

    private final ObjectMapper mapper = WebhookEvents.mapper();
    private final WebhookMessages messages = new WebhookMessages(mapper);

    @Test
    void bodyIsTypeTimestampAndTheEventAsData() throws Exception {
        WebhookEvent event = WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED);
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(), event, Instant.now());

        JsonNode body = mapper.readTree(message.body());
        assertEquals("task.created", body.path("type").asText());
        assertEquals("2026-11-25T18:00:00.123456Z", body.path("timestamp").asText());
        assertEquals(event.id(), body.path("data").path("id").asText());
        assertEquals(42, body.path("data").path("task").path("id").asLong());
        assertEquals("P1", body.path("data").path("task").path("tier").asText());
        assertEquals(720, body.path("data").path("task").path("secondsToBreach").asLong());
        assertTrue(body.path("data").path("task").path("slaDueAt").isTextual(), "dates are ISO-8601 strings");
        assertFalse(body.path("data").has("spike"), "null parts are left out");
        assertEquals(event, mapper.treeToValue(body.path("data"), WebhookEvent.class), "data is the event, lossless");
    }

    @Test
    void headersCarryTheEventIdAndTheAttemptTimeButNoSignatureWithoutSecrets() {
        Instant sentAt = Instant.parse("2026-11-25T18:05:07.999Z");
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(),
                WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED), sentAt);

        assertEquals("application/json", message.headers().get("Content-Type"));
        assertEquals(WebhookEvents.EVENT_ID, message.headers().get("webhook-id"));
        assertEquals("1795629907", message.headers().get("webhook-timestamp"));
        assertFalse(message.headers().containsKey("webhook-signature"));
    }

    @Test
    void everyKeyOfARotationVerifiesAloneWithTheIndependentLibrary() throws Exception {
        String newest = WebhookSecrets.generate();
        String older = WebhookSecrets.generate();
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(newest, older),
                WebhookEvents.taskEvent(WebhookEventType.SLA_WARNING), Instant.now());

        String[] entries = message.headers().get("webhook-signature").split(" ");
        assertEquals(2, entries.length);
        assertTrue(entries[0].startsWith("v1,") && entries[1].startsWith("v1,"));
        assertNotEquals(entries[0], entries[1]);
        String body = new String(message.body(), StandardCharsets.UTF_8);
        new Webhook(newest).verify(body, headers(message));
        new Webhook(older).verify(body, headers(message));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(WebhookSecrets.generate()).verify(body, headers(message)),
                "a key that did not sign is rejected");
    }

    @Test
    void signatureMatchesTheLibrarysOwnSigning() throws Exception {
        String secret = WebhookSecrets.generate();
        Instant sentAt = Instant.now();
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(secret), WebhookEvents.spikeEvent(),
                sentAt);

        String expected = new Webhook(secret).sign(WebhookEvents.EVENT_ID, sentAt.getEpochSecond(),
                new String(message.body(), StandardCharsets.UTF_8));
        assertEquals(expected, message.headers().get("webhook-signature"));
    }

    @Test
    void tamperedBodyFailsVerification() {
        String secret = WebhookSecrets.generate();
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(secret),
                WebhookEvents.taskEvent(WebhookEventType.TASK_ESCALATED), Instant.now());
        String tampered = new String(message.body(), StandardCharsets.UTF_8).replace("\"P1\"", "\"P4\"");

        assertNotEquals(new String(message.body(), StandardCharsets.UTF_8), tampered);
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret).verify(tampered, headers(message)));
    }

    @Test
    void staleTimestampFailsVerification() {
        String secret = WebhookSecrets.generate();
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(secret),
                WebhookEvents.taskEvent(WebhookEventType.TASK_ESCALATED), Instant.now().minus(10, ChronoUnit.MINUTES));

        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(new String(message.body(), StandardCharsets.UTF_8), headers(message)));
    }

    @Test
    void hostileTextStillVerifies() throws Exception {
        String secret = WebhookSecrets.generate();
        OutgoingMessage message = messages.render(WebhookFormat.JSON, List.of(secret),
                WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()), Instant.now());

        new Webhook(secret).verify(new String(message.body(), StandardCharsets.UTF_8), headers(message));
        assertEquals(WebhookEvents.hostileTask().excerpt(),
                mapper.readTree(message.body()).path("data").path("task").path("excerpt").asText());
    }

    @Test
    void anInvalidSecretIsRefusedRatherThanUsed() {
        WebhookEvent event = WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED);

        assertThrows(IllegalArgumentException.class, () -> messages.render(WebhookFormat.JSON,
                List.of(WebhookSecrets.generate(), "short"), event, Instant.now()));
    }

    @Test
    void generatedSecretsAreValidStandardWebhooksKeys() {
        String secret = WebhookSecrets.generate();

        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertTrue(WebhookSecrets.isValid(secret));
        assertNotEquals(secret, WebhookSecrets.generate());
    }

    @Test
    void invalidSecretsAreRejected() {
        String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

        assertTrue(WebhookSecrets.isValid("whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        assertTrue(WebhookSecrets.isValid("whsec_" + Base64.getEncoder().encodeToString(new byte[64])));
        assertFalse(WebhookSecrets.isValid(tooShort));
        assertFalse(WebhookSecrets.isValid(tooLong));
        assertFalse(WebhookSecrets.isValid(null));
        assertFalse(WebhookSecrets.isValid(""));
        assertFalse(WebhookSecrets.isValid("whsec_not base64!!"));
        assertFalse(WebhookSecrets.isValid(Base64.getEncoder().encodeToString(new byte[32])), "prefix required");
    }

    private static Map<String, List<String>> headers(OutgoingMessage message) {
        return message.headers().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> List.of(e.getValue())));
    }
}
