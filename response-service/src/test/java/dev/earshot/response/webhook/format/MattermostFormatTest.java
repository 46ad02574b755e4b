package dev.earshot.response.webhook.format;

import static dev.earshot.response.webhook.format.JsonChecks.assertAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** Mattermost incoming webhooks: an attachment and the message priority. */
class MattermostFormatTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    private JsonNode render(WebhookEvent event) {
        return JsonChecks.parse(messages.render(WebhookFormat.MATTERMOST, List.of(), event, Instant.now()));
    }

    @Test
    void p1TaskIsAnUrgentAttachmentThatAsksForAcknowledgement() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED));

        assertEquals("#### P1 · New task", body.path("text").asText());
        assertEquals("urgent", body.path("priority").path("priority").asText());
        assertTrue(body.path("priority").path("requested_ack").asBoolean());
        JsonNode attachment = body.path("attachments").path(0);
        assertEquals("P1 · New task: Checkout is broken again (mastodon, breaches in 12 min)",
                attachment.path("fallback").asText());
        assertEquals("#E01E5A", attachment.path("color").asText());
        assertEquals("SLA: breaches in 12 min", attachment.path("pretext").asText());
        assertEquals("Checkout is broken again", attachment.path("title").asText());
        assertEquals(WebhookEvents.PERMALINK, attachment.path("title_link").asText());
        assertEquals("> Third time this week your checkout fails at payment. Fix it or I'm leaving.\n\n"
                + "**Why:** negative sentiment · complaint · author reach 12.3k\n[Open in Earshot](" + WebhookEvents.TASK_URL
                + ")", attachment.path("text").asText());
        assertEquals(List.of("Tier", "SLA", "Source", "Author", "Sentiment", "Intents", "Team", "Assignee"),
                JsonChecks.texts(attachment.path("fields"), "title"));
        assertTrue(attachment.path("fields").findValues("short").stream().allMatch(JsonNode::asBoolean));
        assertEquals("Earshot · task 42", attachment.path("footer").asText());
    }

    @Test
    void priorityIsImportantForP2AndAbsentBelow() {
        assertEquals("important", render(WebhookEvents.taskEvent(WebhookEventType.TASK_RESOLVED, WebhookEvents.resolvedTask()))
                .path("priority").path("priority").asText());
        assertFalse(render(WebhookEvents.taskEvent(WebhookEventType.TASK_RESOLVED, WebhookEvents.resolvedTask()))
                .path("priority").path("requested_ack").asBoolean());
        TaskSnapshot t = WebhookEvents.task();
        TaskSnapshot p3 = new TaskSnapshot(t.id(), "P3", null, 0.3, List.of(), "open", t.team(), t.source(), t.title(),
                t.permalink(), null, t.authorHandle(), null, null, "neutral", null, List.of(), List.of(), 1, true, null,
                null, null, null, null);
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, p3));
        assertFalse(body.has("priority"));
        assertEquals("#ECB22E", body.path("attachments").path(0).path("color").asText());
        assertEquals("SLA: no SLA", body.path("attachments").path(0).path("pretext").asText());
        assertFalse(render(WebhookEvents.spikeEvent()).has("priority"));
    }

    @Test
    void hostileTextIsEscapedAndCut() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()));
        JsonChecks.assertNoBrokenSurrogates(body);
        JsonNode attachment = body.path("attachments").path(0);
        String text = attachment.path("text").asText();
        assertTrue(text.startsWith("> @\u2060everyone @\u2060here \\<@\u2060&123\\> \\<!channel\\> \\<b\\>bold\\<"), text);
        for (String s : JsonChecks.strings(body)) {
            assertFalse(s.contains("@everyone") || s.contains("@here") || s.contains("@channel"), s);
        }
        assertAtMost(5000, text, "attachment text");
        attachment.path("fields").forEach(f -> assertAtMost(500, f.path("value").asText(), "field"));
        assertTrue(body.toString().length() < 16383, "within Mattermost's post size");

        JsonNode spike = render(WebhookEvents.hostileSpikeEvent());
        JsonChecks.assertNoBrokenSurrogates(spike);
        assertTrue(spike.toString().length() < 16383);
    }
}
