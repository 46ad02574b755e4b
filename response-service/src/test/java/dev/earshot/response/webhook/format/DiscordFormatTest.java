package dev.earshot.response.webhook.format;

import static dev.earshot.response.webhook.format.JsonChecks.assertAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** Discord execute-webhook bodies: one embed within Discord's limits, mentions disabled. */
class DiscordFormatTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    private JsonNode render(WebhookEvent event) {
        return JsonChecks.parse(messages.render(WebhookFormat.DISCORD, List.of(), event, Instant.now()));
    }

    @Test
    void taskIsOneEmbedWithMentionsDisabled() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.SLA_BREACHED));

        assertEquals("**P1 · SLA breached**", body.path("content").asText());
        assertTrue(body.path("allowed_mentions").path("parse").isArray());
        assertEquals(0, body.path("allowed_mentions").path("parse").size());
        assertEquals(1, body.path("embeds").size());
        JsonNode embed = body.path("embeds").path(0);
        assertEquals("SLA breached: Checkout is broken again", embed.path("title").asText());
        assertEquals(WebhookEvents.PERMALINK, embed.path("url").asText());
        assertEquals(0xE01E5A, embed.path("color").asInt());
        assertEquals("2026-11-25T18:00:00.123456Z", embed.path("timestamp").asText());
        assertEquals("@dana · 12.3k followers", embed.path("author").path("name").asText());
        assertEquals("Earshot · task 42", embed.path("footer").path("text").asText());
        assertEquals("Third time this week your checkout fails at payment. Fix it or I'm leaving.",
                embed.path("description").asText());
        assertEquals(List.of("Tier", "SLA", "Source", "Author", "Sentiment", "Intents", "Team", "Assignee", "Why", "Earshot"),
                JsonChecks.texts(embed.path("fields"), "name"));
        assertEquals("breaches in 12 min", embed.path("fields").path(1).path("value").asText());
        assertEquals("complaint, churn\\_risk", embed.path("fields").path(5).path("value").asText());
        assertEquals("[Open task 42](" + WebhookEvents.TASK_URL + ")", embed.path("fields").path(9).path("value").asText());
        assertTrue(embed.path("fields").path(0).path("inline").asBoolean());
        assertEquals(false, embed.path("fields").path(8).path("inline").asBoolean());
    }

    @Test
    void spikeListsExamplesInTheDescription() {
        JsonNode embed = render(WebhookEvents.spikeEvent()).path("embeds").path(0);

        assertEquals("Volume spike: brand", embed.path("title").asText());
        assertEquals(0x7B3FE4, embed.path("color").asInt());
        assertEquals(List.of("Rule", "Window", "Mentions", "Negative share", "Reasons"),
                JsonChecks.texts(embed.path("fields"), "name"));
        assertEquals("@\u2060dana (negative): Checkout broken again\n@\u2060eve (negative): Same here, payment fails\n"
                + "@\u2060finn (neutral): Anyone else?", embed.path("description").asText());
    }

    @Test
    void hostileEventStaysWithinEveryEmbedLimit() {
        for (WebhookEvent event : List.of(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()),
                WebhookEvents.hostileSpikeEvent())) {
            JsonNode body = render(event);
            JsonChecks.assertNoBrokenSurrogates(body);
            assertEquals(0, body.path("allowed_mentions").path("parse").size());
            assertAtMost(2000, body.path("content").asText(), "content");
            JsonNode embed = body.path("embeds").path(0);
            assertAtMost(256, embed.path("title").asText(), "title");
            assertAtMost(4096, embed.path("description").asText(), "description");
            assertAtMost(2048, embed.path("footer").path("text").asText(), "footer");
            assertAtMost(256, embed.path("author").path("name").asText(), "author");
            assertTrue(embed.path("fields").size() <= 25);
            int total = embed.path("title").asText().length() + embed.path("description").asText().length()
                    + embed.path("footer").path("text").asText().length() + embed.path("author").path("name").asText().length();
            for (JsonNode field : embed.path("fields")) {
                assertAtMost(256, field.path("name").asText(), "field name");
                assertAtMost(1024, field.path("value").asText(), "field value");
                assertTrue(!field.path("value").asText().isEmpty() && !field.path("name").asText().isEmpty());
                total += field.path("name").asText().length() + field.path("value").asText().length();
            }
            assertTrue(total <= 6000, "embed text is " + total);
            assertTrue(embed.path("description").asText().length() > 1000, "the post still gets most of the room");
        }
    }
}
