package dev.earshot.response.webhook.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;

/**
 * Google Chat incoming webhook: a fallback {@code text} and one {@code cardsV2} card with a header,
 * decorated texts for the facts, the post as a paragraph and link buttons. Card text is an HTML
 * subset, so posts are HTML-escaped; the whole message stays far below Chat's 32,000-byte limit.
 */
final class GoogleChatFormat {

    static final int MAX_MESSAGE_BYTES = 32_000;

    private final ObjectMapper mapper;

    GoogleChatFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(WebhookEvent event) {
        ObjectNode message = mapper.createObjectNode();
        message.put("text", Text.fit(EventView.fallback(event), 500, Text.GOOGLE_CHAT_TEXT));
        ObjectNode cardV2 = message.putArray("cardsV2").addObject();
        ObjectNode card = cardV2.putObject("card");
        ObjectNode header = card.putObject("header").put("title", Text.fit(EventView.headline(event), 200, Text.PLAIN));
        ArrayNode widgets = card.putArray("sections").addObject().putArray("widgets");
        ArrayNode buttons = mapper.createArrayNode();
        if (event.task() != null) {
            TaskSnapshot t = event.task();
            cardV2.put("cardId", "earshot-task-" + t.id());
            header.put("subtitle", Text.fit(Text.oneLine(t.title()), 300, Text.PLAIN));
            EventView.taskFacts(t).forEach(f -> decoratedText(widgets, f));
            if (t.excerpt() != null && !t.excerpt().isBlank()) {
                paragraph(widgets, "<i>" + Text.fit(Text.oneLine(t.excerpt()), 3000, Text.HTML) + "</i>");
            }
            String reasons = EventView.reasons(t);
            if (reasons != null) {
                paragraph(widgets, "<b>Why:</b> " + Text.fit(reasons, 1500, Text.HTML));
            }
            button(buttons, "Open post", t.permalink());
            button(buttons, "Open in Earshot", t.taskUrl());
            button(buttons, "Open reply", t.replyUrl());
        } else {
            cardV2.put("cardId", "earshot-spike");
            header.put("subtitle", "Rule: " + Text.fit(Text.oneLine(event.spike().rule()), 300, Text.PLAIN));
            EventView.spikeFacts(event.spike()).forEach(f -> decoratedText(widgets, f));
            for (WebhookEvent.SpikeExample example : EventView.examples(event.spike())) {
                paragraph(widgets, Text.fit(EventView.example(example), 1000, Text.HTML));
            }
            EventView.examples(event.spike()).stream().findFirst()
                    .ifPresent(e -> button(buttons, "Open example", e.permalink()));
        }
        if (!buttons.isEmpty()) {
            widgets.addObject().putObject("buttonList").set("buttons", buttons);
        }
        return JsonBodies.unsigned(mapper, message);
    }

    private void decoratedText(ArrayNode widgets, EventView.Fact fact) {
        widgets.addObject().putObject("decoratedText").put("topLabel", fact.label())
                .put("text", Text.fit(Text.oneLine(fact.value()), 500, Text.HTML)).put("wrapText", true);
    }

    private void paragraph(ArrayNode widgets, String html) {
        widgets.addObject().putObject("textParagraph").put("text", html);
    }

    private void button(ArrayNode buttons, String label, String url) {
        if (EventView.isLink(url) && url.length() <= 2000) {
            buttons.addObject().put("text", label).putObject("onClick").putObject("openLink").put("url", url);
        }
    }
}
