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

/** Slack Block Kit messages: shape, buttons, escaping and limits. */
class SlackFormatTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());

    private JsonNode render(WebhookEvent event) {
        OutgoingMessage message = messages.render(WebhookFormat.SLACK, List.of(), event, Instant.now());
        assertEquals("application/json", message.headers().get("Content-Type"));
        return JsonChecks.parse(message);
    }

    @Test
    void taskMessageStartsWithTheTaskSectionAndShowsEverythingAtAGlance() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.SLA_WARNING));

        assertEquals("P1 · SLA about to breach: Checkout is broken again (mastodon, breaches in 12 min)",
                body.path("text").asText());
        JsonNode blocks = body.path("blocks");
        assertEquals("section", blocks.path(0).path("type").asText());
        assertEquals("earshot_task_42", blocks.path(0).path("block_id").asText());
        assertEquals("mrkdwn", blocks.path(0).path("text").path("type").asText());
        assertEquals("*P1 · SLA about to breach*\nCheckout is broken again", blocks.path(0).path("text").path("text").asText());

        assertEquals(List.of("*Tier*\nP1", "*SLA*\nbreaches in 12 min", "*Source*\nmastodon",
                "*Author*\n@dana · 12.3k followers", "*Sentiment*\nnegative (-0.82)", "*Intents*\ncomplaint, churn_risk",
                "*Team*\nsupport", "*Assignee*\nalice"), JsonChecks.texts(blocks.path(1).path("fields"), "text"));
        assertTrue(blocks.path(1).path("fields").findValues("type").stream().allMatch(t -> t.asText().equals("mrkdwn")));

        assertEquals(">Third time this week your checkout fails at payment. Fix it or I'm leaving.",
                blocks.path(2).path("text").path("text").asText());
        assertEquals("context", blocks.path(3).path("type").asText());
        assertEquals("Why: negative sentiment · complaint · author reach 12.3k",
                blocks.path(3).path("elements").path(0).path("text").asText());

        JsonNode actions = blocks.path(4);
        assertEquals("actions", actions.path("type").asText());
        assertEquals(List.of("earshot_claim", "earshot_resolve", "earshot_snooze", "earshot_open_post", "earshot_open_task"),
                JsonChecks.texts(actions.path("elements"), "action_id"));
        assertEquals(List.of("Claim", "Resolve", "Snooze", "Open post", "Open in Earshot"),
                actions.path("elements").findValues("text").stream().map(t -> t.path("text").asText()).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals("button", actions.path("elements").path(i).path("type").asText());
            assertEquals("42", actions.path("elements").path(i).path("value").asText());
            assertFalse(actions.path("elements").path(i).has("url"));
        }
        assertEquals(WebhookEvents.PERMALINK, actions.path("elements").path(3).path("url").asText());
        assertEquals(WebhookEvents.TASK_URL, actions.path("elements").path(4).path("url").asText());
        assertEquals(5, blocks.size());
    }

    @Test
    void claimedTaskHasNoClaimButtonAndResolvedTaskHasNoActionButtons() {
        TaskSnapshot t = WebhookEvents.task();
        TaskSnapshot claimed = new TaskSnapshot(t.id(), t.tier(), null, t.priorityScore(), t.priorityReasons(), "claimed",
                t.team(), t.source(), t.title(), t.permalink(), null, t.authorHandle(), t.authorFollowers(), t.excerpt(),
                t.sentimentLabel(), t.sentimentScore(), t.intents(), t.matchedRules(), 1, true, t.slaDueAt(), 60L,
                "bob", null, null);
        JsonNode claimedActions = actions(render(WebhookEvents.taskEvent(WebhookEventType.TASK_ESCALATED, claimed)));
        assertEquals(List.of("earshot_resolve", "earshot_snooze", "earshot_open_post"),
                JsonChecks.texts(claimedActions.path("elements"), "action_id"));

        JsonNode resolved = render(WebhookEvents.taskEvent(WebhookEventType.TASK_RESOLVED, WebhookEvents.resolvedTask()));
        assertEquals(List.of("earshot_open_post"), JsonChecks.texts(actions(resolved).path("elements"), "action_id"));
        assertTrue(JsonChecks.texts(resolved.path("blocks").path(1).path("fields"), "text").contains("*SLA*\nanswered"));
        assertTrue(JsonChecks.texts(resolved.path("blocks").path(1).path("fields"), "text").contains("*Resolved by*\nalice"));
    }

    @Test
    void spikeHasFactsAndExamplesButNoButtons() {
        JsonNode body = render(WebhookEvents.spikeEvent());
        JsonNode blocks = body.path("blocks");

        assertEquals("*Volume spike*\nRule: brand", blocks.path(0).path("text").path("text").asText());
        assertEquals(List.of("*Rule*\nbrand", "*Window*\n17:45–18:00 UTC (15 min)",
                "*Mentions*\n84 vs baseline mean 12.5 (threshold 24.8)", "*Negative share*\n61% (51) vs baseline 18%",
                "*Reasons*\nvolume, negative share"), JsonChecks.texts(blocks.path(1).path("fields"), "text"));
        assertEquals(5, blocks.size(), "two sections and three examples");
        assertEquals(">@eve (negative): Same here, payment fails <https://social.example/@eve/post/1|open>",
                blocks.path(3).path("text").path("text").asText());
        assertTrue(blocks.findValues("type").stream().noneMatch(t -> t.asText().equals("actions")));
        assertTrue(blocks.findValues("action_id").isEmpty());
    }

    @Test
    void userTextIsEscapedSoItCannotMentionOrLink() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()));

        String excerpt = body.path("blocks").path(2).path("text").path("text").asText();
        assertTrue(excerpt.startsWith(">@everyone @here &lt;@&amp;123&gt; &lt;!channel&gt; &lt;b&gt;bold&lt;/b&gt;"), excerpt);
        for (String text : JsonChecks.strings(body)) {
            assertFalse(text.contains("<!channel>") || text.contains("<@&123>"), text);
        }
    }

    @Test
    void hostileEventStaysWithinBlockKitLimits() {
        JsonNode body = render(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()));
        assertSlackLimits(body);
        assertEquals("earshot_task_7", body.path("blocks").path(0).path("block_id").asText());
        assertTrue(body.path("blocks").path(2).path("text").path("text").asText().endsWith(Text.ELLIPSIS));

        assertSlackLimits(render(WebhookEvents.hostileSpikeEvent()));
    }

    @Test
    void updateReplacesTheOriginalWithTheNoteAndOnlyTheButtonsThatStillApply() {
        OutgoingMessage update = messages.slackUpdate(
                WebhookEvents.taskEvent(WebhookEventType.TASK_RESOLVED, WebhookEvents.resolvedTask()),
                "Resolved by alice via Slack <@U1>");
        JsonNode body = JsonChecks.parse(update);

        assertTrue(body.path("replace_original").asBoolean());
        JsonNode blocks = body.path("blocks");
        assertEquals("earshot_task_42", blocks.path(0).path("block_id").asText());
        JsonNode last = blocks.path(blocks.size() - 1);
        assertEquals("context", last.path("type").asText());
        assertEquals("Resolved by alice via Slack &lt;@U1&gt;", last.path("elements").path(0).path("text").asText());
        assertTrue(blocks.findValues("action_id").stream().map(JsonNode::asText)
                .noneMatch(id -> id.equals("earshot_claim") || id.equals("earshot_resolve") || id.equals("earshot_snooze")));

        JsonNode open = JsonChecks.parse(messages.slackUpdate(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED),
                "Snoozed by alice via Slack"));
        assertEquals(List.of("earshot_claim", "earshot_resolve", "earshot_snooze", "earshot_open_post", "earshot_open_task"),
                JsonChecks.texts(actions(open).path("elements"), "action_id"));
    }

    private static JsonNode actions(JsonNode body) {
        for (JsonNode block : body.path("blocks")) {
            if (block.path("type").asText().equals("actions")) {
                return block;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static void assertSlackLimits(JsonNode body) {
        JsonChecks.assertNoBrokenSurrogates(body);
        assertAtMost(3000, body.path("text").asText(), "fallback text");
        JsonNode blocks = body.path("blocks");
        assertTrue(blocks.size() <= 50, "at most 50 blocks");
        for (JsonNode block : blocks) {
            assertAtMost(255, block.path("block_id").asText(), "block_id");
            switch (block.path("type").asText()) {
                case "section" -> {
                    assertAtMost(3000, block.path("text").path("text").asText(), "section text");
                    assertTrue(block.path("fields").size() <= 10, "at most 10 fields");
                    block.path("fields").forEach(f -> assertAtMost(2000, f.path("text").asText(), "field"));
                    assertTrue(block.has("text") || block.has("fields"));
                }
                case "context" -> {
                    assertTrue(block.path("elements").size() <= 10);
                    block.path("elements").forEach(e -> assertAtMost(2000, e.path("text").asText(), "context"));
                }
                case "actions" -> {
                    assertTrue(block.path("elements").size() <= 25);
                    for (JsonNode button : block.path("elements")) {
                        assertAtMost(75, button.path("text").path("text").asText(), "button text");
                        assertAtMost(2000, button.path("value").asText(), "button value");
                        assertAtMost(3000, button.path("url").asText(), "button url");
                        assertAtMost(255, button.path("action_id").asText(), "action_id");
                    }
                }
                case "header" -> assertAtMost(150, block.path("text").path("text").asText(), "header");
                default -> throw new AssertionError("unexpected block " + block);
            }
        }
    }
}
