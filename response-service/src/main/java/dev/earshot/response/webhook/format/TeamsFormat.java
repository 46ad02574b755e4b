package dev.earshot.response.webhook.format;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent.SpikeSnapshot;
import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;

/**
 * Microsoft Teams through a Workflows webhook ("post to a channel when a webhook request is received"):
 * a message with one Adaptive Card 1.4 attachment. The retired Office 365 connector MessageCard is not
 * used. Texts are cut so the card stays far below Teams' 28 KB limit.
 */
final class TeamsFormat {

    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String VERSION = "1.4";
    static final int MAX_CARD_BYTES = 28 * 1024;

    private final ObjectMapper mapper;

    TeamsFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(WebhookEvent event) {
        ObjectNode message = mapper.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", SCHEMA).put("type", "AdaptiveCard").put("version", VERSION);
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ArrayNode actions = card.putArray("actions");

        textBlock(body, EventView.headline(event), 200)
                .put("size", "Large").put("weight", "Bolder").put("color", event.task() != null
                        && "P1".equals(event.task().tier()) ? "Attention" : "Default");
        if (event.task() != null) {
            task(body, actions, event.task());
        } else {
            spike(body, actions, event.spike());
        }
        return JsonBodies.unsigned(mapper, message);
    }

    private void task(ArrayNode body, ArrayNode actions, TaskSnapshot t) {
        textBlock(body, Text.oneLine(t.title()), 500).put("weight", "Bolder");
        factSet(body, EventView.taskFacts(t));
        if (t.excerpt() != null && !t.excerpt().isBlank()) {
            textBlock(body, Text.oneLine(t.excerpt()), 3000).put("isSubtle", false).put("separator", true);
        }
        String reasons = EventView.reasons(t);
        if (reasons != null) {
            textBlock(body, "Why: " + reasons, 2000).put("isSubtle", true).put("size", "Small");
        }
        openUrl(actions, "Open post", t.permalink());
        openUrl(actions, "Open in Earshot", t.taskUrl());
        openUrl(actions, "Open reply", t.replyUrl());
    }

    private void spike(ArrayNode body, ArrayNode actions, SpikeSnapshot s) {
        factSet(body, EventView.spikeFacts(s));
        for (WebhookEvent.SpikeExample example : EventView.examples(s)) {
            textBlock(body, EventView.example(example), 1000).put("separator", true);
        }
        EventView.examples(s).stream().findFirst().ifPresent(e -> openUrl(actions, "Open example", e.permalink()));
    }

    private ObjectNode textBlock(ArrayNode body, String text, int limit) {
        return body.addObject().put("type", "TextBlock").put("text", Text.fit(text, limit, Text.MARKDOWN))
                .put("wrap", true);
    }

    private void factSet(ArrayNode body, List<EventView.Fact> facts) {
        ArrayNode items = body.addObject().put("type", "FactSet").putArray("facts");
        for (EventView.Fact fact : facts) {
            items.addObject().put("title", fact.label())
                    .put("value", Text.fit(Text.oneLine(fact.value()), 500, Text.MARKDOWN));
        }
    }

    private void openUrl(ArrayNode actions, String title, String url) {
        if (EventView.isLink(url) && url.length() <= 2000) {
            actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
        }
    }
}
