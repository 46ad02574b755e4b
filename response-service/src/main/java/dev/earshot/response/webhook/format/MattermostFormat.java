package dev.earshot.response.webhook.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;

/**
 * Mattermost incoming webhook: a message attachment with short fields, and the message priority
 * (P1 urgent with a requested acknowledgement, P2 important; none below). Markdown in posts is escaped.
 */
final class MattermostFormat {

    /** Mattermost's default maximum post size is 16383 characters; attachments stay well below. */
    static final int TEXT = 4000;
    static final int FIELD_VALUE = 500;

    private final ObjectMapper mapper;

    MattermostFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(WebhookEvent event) {
        ObjectNode message = mapper.createObjectNode();
        message.put("text", "#### " + Text.fit(EventView.headline(event), 200, Text.MARKDOWN));
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("fallback", Text.fit(EventView.fallback(event), 500, Text.NO_MENTIONS));
        attachment.put("color", EventView.hexColor(event));
        ArrayNode fields;
        if (event.task() != null) {
            TaskSnapshot t = event.task();
            attachment.put("pretext", "SLA: " + EventView.timeToBreach(t));
            attachment.put("title", Text.fit(Text.oneLine(t.title()), 500, Text.MARKDOWN));
            if (EventView.isLink(t.permalink())) {
                attachment.put("title_link", t.permalink());
            }
            StringBuilder text = new StringBuilder();
            if (t.excerpt() != null) {
                text.append("> ").append(Text.fit(Text.oneLine(t.excerpt()), 3000, Text.MARKDOWN)).append("\n\n");
            }
            String reasons = EventView.reasons(t);
            if (reasons != null) {
                text.append("**Why:** ").append(Text.fit(reasons, 800, Text.MARKDOWN)).append('\n');
            }
            if (EventView.isLink(t.taskUrl())) {
                text.append("[Open in Earshot](").append(t.taskUrl()).append(")\n");
            }
            attachment.put("text", text.toString().strip());
            fields = attachment.putArray("fields");
            EventView.taskFacts(t).forEach(f -> field(fields, f));
            attachment.put("footer", "Earshot · task " + t.id());
            priority(message, t.tier());
        } else {
            attachment.put("pretext", "Window: " + EventView.window(event.spike()));
            attachment.put("title", "Rule: " + Text.fit(Text.oneLine(event.spike().rule()), 300, Text.MARKDOWN));
            StringBuilder text = new StringBuilder();
            for (WebhookEvent.SpikeExample example : EventView.examples(event.spike())) {
                text.append("> ").append(Text.fit(EventView.example(example), 1000, Text.MARKDOWN)).append("\n\n");
            }
            attachment.put("text", text.toString().strip());
            fields = attachment.putArray("fields");
            EventView.spikeFacts(event.spike()).forEach(f -> field(fields, f));
            attachment.put("footer", "Earshot · volume spike");
        }
        return JsonBodies.unsigned(mapper, message);
    }

    private void field(ArrayNode fields, EventView.Fact fact) {
        fields.addObject().put("short", true).put("title", fact.label())
                .put("value", Text.fit(Text.oneLine(fact.value()), FIELD_VALUE, Text.MARKDOWN));
    }

    private void priority(ObjectNode message, String tier) {
        if ("P1".equals(tier)) {
            message.putObject("priority").put("priority", "urgent").put("requested_ack", true);
        } else if ("P2".equals(tier)) {
            message.putObject("priority").put("priority", "important").put("requested_ack", false);
        }
    }
}
