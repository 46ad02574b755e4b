package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import com.slack.api.util.json.UnknownPropertyDetectionAdapterFactory;
import com.slack.api.webhook.Payload;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.WebhookFormat;

/** Slack's own Java SDK reads our messages into its Block Kit model, failing on any unknown field or block. */
class SlackSdkCompatibilityTest {

    private final WebhookMessages messages = new WebhookMessages(WebhookEvents.mapper());
    private final Gson strict = strictGson();

    /**
     * What {@code GsonFactory.createSnakeCase} builds with {@code failOnUnknownProperties}, assembled from the
     * SDK's model adapters directly because SlackConfig needs OkHttp, which this module does not ship.
     */
    private static Gson strictGson() {
        return new GsonBuilder()
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .registerTypeAdapterFactory(new UnknownPropertyDetectionAdapterFactory())
                .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory(true))
                .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory(true))
                .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory(true))
                .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory(true))
                .create();
    }

    @Test
    void theStrictReaderRejectsUnknownFieldsAndBlocks() {
        assertThrows(RuntimeException.class, () -> strict.fromJson("{\"text\":\"x\",\"bogus\":1}", Payload.class));
        assertThrows(RuntimeException.class,
                () -> strict.fromJson("{\"text\":\"x\",\"blocks\":[{\"type\":\"bogus\"}]}", Payload.class));
        assertThrows(RuntimeException.class, () -> strict.fromJson(
                "{\"text\":\"x\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"a\",\"oops\":1}}]}",
                Payload.class));
    }

    @Test
    void incomingWebhookMessagesAreValidBlockKitForTheSdk() {
        for (WebhookEvent event : List.of(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED),
                WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED, WebhookEvents.hostileTask()),
                WebhookEvents.taskEvent(WebhookEventType.TASK_RESOLVED, WebhookEvents.resolvedTask()),
                WebhookEvents.spikeEvent(), WebhookEvents.hostileSpikeEvent())) {
            String json = new String(messages.render(WebhookFormat.SLACK, List.of(), event, Instant.now()).body(),
                    StandardCharsets.UTF_8);
            Payload payload = strict.fromJson(json, Payload.class);
            assertTrue(payload.getText() != null && !payload.getText().isEmpty());
            assertTrue(payload.getBlocks().size() >= 2);
            assertInstanceOf(SectionBlock.class, payload.getBlocks().get(0));
        }
    }

    @Test
    void theSdkSeesTheTaskSectionAndTheButtonsTheInteractivityEndpointExpects() {
        String json = new String(messages.render(WebhookFormat.SLACK, List.of(),
                WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED), Instant.now()).body(), StandardCharsets.UTF_8);
        List<LayoutBlock> blocks = strict.fromJson(json, Payload.class).getBlocks();

        assertEquals("earshot_task_42", ((SectionBlock) blocks.get(0)).getBlockId());
        ActionsBlock actions = (ActionsBlock) blocks.get(blocks.size() - 1);
        List<ButtonElement> buttons = actions.getElements().stream().map(ButtonElement.class::cast).toList();
        assertEquals(List.of("earshot_claim", "earshot_resolve", "earshot_snooze"),
                buttons.subList(0, 3).stream().map(ButtonElement::getActionId).toList());
        assertTrue(buttons.subList(0, 3).stream().allMatch(b -> "42".equals(b.getValue())));
        assertEquals(WebhookEvents.PERMALINK, buttons.get(3).getUrl());
    }

    @Test
    void responseUrlUpdateIsAnActionResponseThatReplacesTheOriginal() {
        String json = new String(messages.slackUpdate(WebhookEvents.taskEvent(WebhookEventType.TASK_CREATED),
                "Claimed by alice via Slack").body(), StandardCharsets.UTF_8);
        ActionResponse response = strict.fromJson(json, ActionResponse.class);

        assertTrue(response.isReplaceOriginal());
        assertEquals("earshot_task_42", ((SectionBlock) response.getBlocks().get(0)).getBlockId());
        LayoutBlock last = response.getBlocks().get(response.getBlocks().size() - 1);
        assertInstanceOf(ContextBlock.class, last);
    }
}
