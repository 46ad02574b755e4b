package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** Teams Workflows webhook with an Adaptive Card (not the retired MessageCard). */
class TeamsFormatTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    private OutgoingMessage render(WebhookEvent event) {
        return messages.render(WebhookFormat.TEAMS, List.of(), event, Instant.now());
    }

    @Test
    void taskIsAnAdaptiveCardAttachmentWithFactsAndLinks() {
        JsonNode body = JsonChecks.parse(render(WebhookEvents.taskEvent(WebhookEventType.TASK_ESCALATED)));

        assertEquals("message", body.path("type").asText());
        assertEquals(1, body.path("attachments").size());
        JsonNode attachment = body.path("attachments").path(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        assertTrue(attachment.has("contentUrl") && attachment.path("contentUrl").isNull());
        JsonNode card = attachment.path("content");
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("1.4", card.path("version").asText());
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.path("$schema").asText());
        assertFalse(body.has("@type") || body.has("sections") || body.has("themeColor"), "no MessageCard fields");

        JsonNode items = card.path("body");
        assertEquals("TextBlock", items.path(0).path("type").asText());
        assertEquals("P1 · Task escalated", items.path(0).path("text").asText());
        assertEquals("Attention", items.path(0).path("color").asText());
        assertEquals("Checkout is broken again", items.path(1).path("text").asText());
        assertEquals("FactSet", items.path(2).path("type").asText());
        JsonNode facts = items.path(2).path("facts");
        assertEquals(List.of("Tier", "SLA", "Source", "Author", "Sentiment", "Intents", "Team", "Assignee"),
                JsonChecks.texts(facts, "title"));
        assertEquals(List.of("P1", "breaches in 12 min", "mastodon", "@\u2060dana · 12.3k followers", "negative (-0.82)",
                "complaint, churn\\_risk", "support", "alice"), JsonChecks.texts(facts, "value"));
        assertEquals("Third time this week your checkout fails at payment. Fix it or I'm leaving.",
                items.path(3).path("text").asText());
        assertTrue(items.path(3).path("wrap").asBoolean());
        assertEquals("Why: negative sentiment · complaint · author reach 12.3k", items.path(4).path("text").asText());

        JsonNode actions = card.path("actions");
        assertEquals(List.of("Action.OpenUrl", "Action.OpenUrl"), JsonChecks.texts(actions, "type"));
        assertEquals(List.of(WebhookEvents.PERMALINK, WebhookEvents.TASK_URL), JsonChecks.texts(actions, "url"));
    }

    @Test
    void spikeShowsRuleVolumeAndExamples() {
        JsonNode card = JsonChecks.parse(render(WebhookEvents.spikeEvent())).path("attachments").path(0).path("content");

        assertEquals("Volume spike", card.path("body").path(0).path("text").asText());
        assertEquals(List.of("Rule", "Window", "Mentions", "Negative share", "Reasons"),
                JsonChecks.texts(card.path("body").path(1).path("facts"), "title"));
        assertEquals("84 vs baseline mean 12.5 (threshold 24.8)",
                card.path("body").path(1).path("facts").path(2).path("value").asText());
        assertEquals(5, card.path("body").size(), "headline, facts, three examples");
    }

    @Test
    void hostileEventStaysUnderTheCardLimitWithMarkdownEscaped() {
        for (WebhookEvent event : List.of(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()),
                WebhookEvents.hostileSpikeEvent())) {
            OutgoingMessage message = render(event);
            assertTrue(message.body().length < 28 * 1024, "card is " + message.body().length + " bytes");
            JsonNode body = JsonChecks.parse(message);
            JsonChecks.assertNoBrokenSurrogates(body);
            for (String text : JsonChecks.strings(body)) {
                assertFalse(text.contains("[link](https://evil.example)"), "links in posts are escaped");
                assertFalse(text.contains("@everyone"), "mentions are broken up");
            }
        }
    }
}
