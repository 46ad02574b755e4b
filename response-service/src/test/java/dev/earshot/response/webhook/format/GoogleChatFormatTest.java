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

/** Google Chat incoming webhooks with a cardsV2 card. */
class GoogleChatFormatTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    private OutgoingMessage render(WebhookEvent event) {
        return messages.render(WebhookFormat.GOOGLE_CHAT, List.of(), event, Instant.now());
    }

    @Test
    void taskIsACardWithFactsPostAndLinkButtons() {
        JsonNode body = JsonChecks.parse(render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED)));

        assertEquals("P1 · New task: Checkout is broken again (mastodon, breaches in 12 min)", body.path("text").asText());
        JsonNode cardV2 = body.path("cardsV2").path(0);
        assertEquals("earshot-task-42", cardV2.path("cardId").asText());
        assertEquals("P1 · New task", cardV2.path("card").path("header").path("title").asText());
        assertEquals("Checkout is broken again", cardV2.path("card").path("header").path("subtitle").asText());
        JsonNode widgets = cardV2.path("card").path("sections").path(0).path("widgets");
        assertEquals("Tier", widgets.path(0).path("decoratedText").path("topLabel").asText());
        assertEquals("P1", widgets.path(0).path("decoratedText").path("text").asText());
        assertEquals("@dana · 12.3k followers", widgets.path(3).path("decoratedText").path("text").asText());
        assertEquals("<i>Third time this week your checkout fails at payment. Fix it or I'm leaving.</i>",
                widgets.path(8).path("textParagraph").path("text").asText());
        assertEquals("<b>Why:</b> negative sentiment · complaint · author reach 12.3k",
                widgets.path(9).path("textParagraph").path("text").asText());
        JsonNode buttons = widgets.path(10).path("buttonList").path("buttons");
        assertEquals(List.of("Open post", "Open in Earshot"), JsonChecks.texts(buttons, "text"));
        assertEquals(WebhookEvents.PERMALINK, buttons.path(0).path("onClick").path("openLink").path("url").asText());
        assertEquals(WebhookEvents.TASK_URL, buttons.path(1).path("onClick").path("openLink").path("url").asText());
        assertEquals(11, widgets.size());
    }

    @Test
    void spikeCardShowsVolumeAgainstBaseline() {
        JsonNode cardV2 = JsonChecks.parse(render(WebhookEvents.spikeEvent())).path("cardsV2").path(0);

        assertEquals("Volume spike", cardV2.path("card").path("header").path("title").asText());
        assertEquals("Rule: brand", cardV2.path("card").path("header").path("subtitle").asText());
        JsonNode widgets = cardV2.path("card").path("sections").path(0).path("widgets");
        assertEquals("61% (51) vs baseline 18%", widgets.path(3).path("decoratedText").path("text").asText());
        assertEquals("@dana (negative): Checkout broken again", widgets.path(5).path("textParagraph").path("text").asText());
        assertEquals("Open example", widgets.path(8).path("buttonList").path("buttons").path(0).path("text").asText());
    }

    @Test
    void hostileTextIsHtmlEscapedAndTheMessageStaysSmall() {
        for (WebhookEvent event : List.of(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()),
                WebhookEvents.hostileSpikeEvent())) {
            OutgoingMessage message = render(event);
            assertTrue(message.body().length < 32_000, "message is " + message.body().length + " bytes");
            JsonNode body = JsonChecks.parse(message);
            JsonChecks.assertNoBrokenSurrogates(body);
            JsonNode widgets = body.path("cardsV2").path(0).path("card").path("sections").path(0).path("widgets");
            assertFalse(body.path("text").asText().contains("<users/all>"), "no @all from a post");
            for (JsonNode widget : widgets) {
                String html = widget.path("textParagraph").path("text").asText() + widget.path("decoratedText").path("text").asText();
                assertFalse(html.contains("<b>bold</b>"), "HTML from posts is escaped: " + html);
            }
        }
        JsonNode task = JsonChecks.parse(render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask())));
        assertTrue(task.path("cardsV2").path(0).path("card").path("sections").path(0).path("widgets").path(8)
                .path("textParagraph").path("text").asText().contains("&lt;b&gt;bold&lt;/b&gt;"));
    }
}
