package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** Test-send samples are labelled as such and render in every format. */
class SampleEventsTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    @ParameterizedTest
    @EnumSource(WebhookEventType.class)
    void sampleIsLabelledAndRendersInEveryFormat(WebhookEventType type) {
        Instant now = Instant.parse("2026-11-25T18:00:00.123456789Z");
        WebhookEvent event = SampleEvents.of(type, now);

        assertEquals(type.id(), event.type());
        assertEquals(Instant.parse("2026-11-25T18:00:00.123456Z"), event.occurredAt());
        assertNotEquals(event.id(), SampleEvents.of(type, now).id(), "each test-send is its own event");
        if (type == WebhookEventType.VOLUME_SPIKE) {
            assertNull(event.task());
            assertEquals("Test message from Earshot", event.spike().rule());
        } else {
            assertNull(event.spike());
            assertEquals(0, event.task().id());
            assertEquals("Test message from Earshot", event.task().title());
        }
        for (WebhookFormat format : WebhookFormat.values()) {
            OutgoingMessage message = messages.render(format, List.of(WebhookSecrets.generate()), event, now);
            JsonNode body = JsonChecks.parse(message);
            assertTrue(JsonChecks.strings(body).stream().anyMatch(s -> s.contains("Test message from Earshot")),
                    format + " shows the test label");
            assertNotNull(message.headers().get("Content-Type"));
        }
        JsonNode slack = JsonChecks.parse(messages.render(WebhookFormat.SLACK, List.of(), event, now));
        List<String> actionIds = slack.findValues("action_id").stream().map(JsonNode::asText).toList();
        boolean buttons = type != WebhookEventType.VOLUME_SPIKE && type != WebhookEventType.TASK_RESOLVED;
        assertEquals(buttons, actionIds.contains("earshot_resolve"), "buttons only on active task events");
    }
}
