package dev.earshot.response.webhook.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent.SpikeSnapshot;
import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;

/**
 * Slack incoming-webhook message with Block Kit. A task message starts with a section whose
 * {@code block_id} is {@code earshot_task_<id>} and, while the task is active, carries Claim / Resolve /
 * Snooze buttons whose {@code value} is the task id; the interactivity endpoint relies on both.
 */
final class SlackFormat {

    static final String CLAIM = "earshot_claim";
    static final String RESOLVE = "earshot_resolve";
    static final String SNOOZE = "earshot_snooze";
    static final String TASK_BLOCK_PREFIX = "earshot_task_";

    // Block Kit limits (api.slack.com/reference/block-kit)
    static final int SECTION_TEXT = 3000;
    static final int FIELD_TEXT = 2000;
    static final int MAX_FIELDS = 10;
    static final int CONTEXT_TEXT = 2000;
    static final int BUTTON_URL = 3000;
    static final int FALLBACK_TEXT = 3000;

    private final ObjectMapper mapper;

    SlackFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(WebhookEvent event) {
        return JsonBodies.unsigned(mapper, message(event, null));
    }

    /** For a {@code response_url}: replaces the original message, with {@code note} as a context line. */
    OutgoingMessage update(WebhookEvent event, String note) {
        ObjectNode message = message(event, note);
        ObjectNode update = mapper.createObjectNode();
        update.put("replace_original", true);
        update.setAll(message);
        return JsonBodies.unsigned(mapper, update);
    }

    private ObjectNode message(WebhookEvent event, String note) {
        ObjectNode message = mapper.createObjectNode();
        message.put("text", Text.fit(EventView.fallback(event), FALLBACK_TEXT, Text.SLACK));
        ArrayNode blocks = message.putArray("blocks");
        if (event.task() != null) {
            taskBlocks(blocks, event, event.task());
        } else {
            spikeBlocks(blocks, event, event.spike());
        }
        if (note != null && !note.isBlank()) {
            blocks.add(context(Text.fit(note, CONTEXT_TEXT, Text.SLACK)));
        }
        return message;
    }

    private void taskBlocks(ArrayNode blocks, WebhookEvent event, TaskSnapshot t) {
        String title = "*" + Text.fit(EventView.headline(event), 200, Text.SLACK) + "*\n";
        ObjectNode head = section(title + Text.fit(Text.oneLine(t.title()), SECTION_TEXT - title.length(), Text.SLACK));
        head.put("block_id", TASK_BLOCK_PREFIX + t.id());
        blocks.add(head);

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        EventView.taskFacts(t).stream().limit(MAX_FIELDS).forEach(f -> fields.add(field(f)));

        if (t.excerpt() != null && !t.excerpt().isBlank()) {
            blocks.add(section(">" + Text.fit(Text.oneLine(t.excerpt()), SECTION_TEXT - 1, Text.SLACK)));
        }
        String reasons = EventView.reasons(t);
        if (reasons != null) {
            blocks.add(context("Why: " + Text.fit(reasons, CONTEXT_TEXT - 5, Text.SLACK)));
        }
        if (t.replyUrl() != null && EventView.isLink(t.replyUrl()) && t.replyUrl().length() <= BUTTON_URL) {
            blocks.add(context("Answered: <" + Text.fit(t.replyUrl(), BUTTON_URL, Text.SLACK) + "|public reply>"));
        }

        ArrayNode buttons = mapper.createArrayNode();
        if (EventView.claimable(t)) {
            buttons.add(actionButton("Claim", CLAIM, t.id()).put("style", "primary"));
        }
        if (EventView.active(t)) {
            buttons.add(actionButton("Resolve", RESOLVE, t.id()));
            buttons.add(actionButton("Snooze", SNOOZE, t.id()));
        }
        linkButton(buttons, "Open post", "earshot_open_post", t.permalink());
        linkButton(buttons, "Open in Earshot", "earshot_open_task", t.taskUrl());
        if (!buttons.isEmpty()) {
            ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "earshot_actions_" + t.id());
            actions.set("elements", buttons);
        }
    }

    private void spikeBlocks(ArrayNode blocks, WebhookEvent event, SpikeSnapshot s) {
        String title = "*" + Text.fit(EventView.headline(event), 200, Text.SLACK) + "*\n";
        blocks.add(section(title + "Rule: " + Text.fit(Text.oneLine(s.rule()), 500, Text.SLACK)));
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        EventView.spikeFacts(s).stream().limit(MAX_FIELDS).forEach(f -> fields.add(field(f)));
        for (WebhookEvent.SpikeExample example : EventView.examples(s)) {
            String link = EventView.isLink(example.permalink()) && example.permalink().length() <= 1000
                    ? " <" + Text.fit(example.permalink(), 1000, Text.SLACK) + "|open>"
                    : "";
            blocks.add(section(">" + Text.fit(EventView.example(example), 1500, Text.SLACK) + link));
        }
    }

    private ObjectNode section(String mrkdwn) {
        ObjectNode section = mapper.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    private ObjectNode field(EventView.Fact fact) {
        String label = "*" + fact.label() + "*\n";
        return mapper.createObjectNode().put("type", "mrkdwn")
                .put("text", label + Text.fit(Text.oneLine(fact.value()), Math.min(FIELD_TEXT, 500) - label.length(), Text.SLACK));
    }

    private ObjectNode context(String mrkdwn) {
        ObjectNode context = mapper.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return context;
    }

    private ObjectNode actionButton(String label, String actionId, long taskId) {
        ObjectNode button = mapper.createObjectNode().put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", label);
        return button.put("action_id", actionId).put("value", Long.toString(taskId));
    }

    private void linkButton(ArrayNode buttons, String label, String actionId, String url) {
        if (!EventView.isLink(url) || url.length() > BUTTON_URL) {
            return;
        }
        ObjectNode button = buttons.addObject().put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", label);
        button.put("action_id", actionId).put("url", url);
    }
}
