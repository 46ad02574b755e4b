package dev.earshot.response.webhook.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;

/**
 * Discord execute-webhook body: a short {@code content} line and one embed kept within Discord's
 * limits (title 256, description 4096, 25 fields of 256/1024, footer 2048, author 256, 6000 in all),
 * with {@code allowed_mentions.parse} empty so mentions inside posts ping nobody.
 */
final class DiscordFormat {

    static final int CONTENT = 2000;
    static final int TITLE = 256;
    static final int DESCRIPTION = 4096;
    static final int MAX_FIELDS = 25;
    static final int FIELD_NAME = 256;
    static final int FIELD_VALUE = 1024;
    static final int FOOTER = 2048;
    static final int AUTHOR = 256;
    static final int EMBED_TOTAL = 6000;

    private final ObjectMapper mapper;

    DiscordFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    OutgoingMessage render(WebhookEvent event) {
        ObjectNode message = mapper.createObjectNode();
        message.put("content", Text.fit("**" + EventView.headline(event) + "**", CONTENT, Text.PLAIN));
        ObjectNode embed = message.putArray("embeds").addObject();
        message.putObject("allowed_mentions").putArray("parse");

        List<String[]> fields = new ArrayList<>();
        String title;
        String footer;
        String author = null;
        String description;
        String url;
        if (event.task() != null) {
            TaskSnapshot t = event.task();
            title = EventView.eventTitle(event) + ": " + Text.oneLine(t.title());
            author = EventView.author(t);
            EventView.taskFacts(t).forEach(f -> fields.add(new String[] {f.label(), f.value()}));
            String reasons = EventView.reasons(t);
            if (reasons != null) {
                fields.add(new String[] {"Why", reasons});
            }
            if (t.taskUrl() != null && EventView.isLink(t.taskUrl())) {
                fields.add(new String[] {"Earshot", "[Open task " + t.id() + "](" + t.taskUrl() + ")"});
            }
            description = t.excerpt();
            url = t.permalink();
            footer = "Earshot · task " + t.id();
        } else {
            title = EventView.eventTitle(event) + ": " + Text.oneLine(event.spike().rule());
            EventView.spikeFacts(event.spike()).forEach(f -> fields.add(new String[] {f.label(), f.value()}));
            StringBuilder examples = new StringBuilder();
            EventView.examples(event.spike()).forEach(e -> examples.append(EventView.example(e)).append('\n'));
            description = examples.toString().strip();
            url = EventView.examples(event.spike()).stream().map(WebhookEvent.SpikeExample::permalink)
                    .filter(EventView::isLink).findFirst().orElse(null);
            footer = "Earshot · volume spike";
        }

        int used = 0;
        String fittedTitle = Text.fit(title, TITLE, Text.MARKDOWN);
        embed.put("title", fittedTitle);
        used += fittedTitle.length();
        if (author != null) {
            String fittedAuthor = Text.fit(author, AUTHOR, Text.PLAIN);
            embed.putObject("author").put("name", fittedAuthor);
            used += fittedAuthor.length();
        }
        String fittedFooter = Text.fit(footer, FOOTER, Text.PLAIN);
        used += fittedFooter.length();
        ArrayNode fieldNodes = embed.putArray("fields");
        for (String[] field : fields.subList(0, Math.min(fields.size(), MAX_FIELDS))) {
            boolean link = "Earshot".equals(field[0]);
            String name = Text.fit(field[0], FIELD_NAME, Text.PLAIN);
            String value = link ? field[1] : Text.fit(Text.oneLine(field[1]), "Why".equals(field[0]) ? 700 : 300,
                    Text.MARKDOWN);
            if (value.isEmpty() || value.length() > FIELD_VALUE) {
                continue;
            }
            fieldNodes.addObject().put("name", name).put("value", value).put("inline", !"Why".equals(field[0]));
            used += name.length() + value.length();
        }
        if (description != null && !description.isBlank()) {
            int room = Math.min(DESCRIPTION, EMBED_TOTAL - used);
            if (room > 0) {
                embed.put("description", Text.fit(description, room, Text.MARKDOWN));
            }
        }
        if (EventView.isLink(url) && url.length() <= 2000) {
            embed.put("url", url);
        }
        embed.put("color", EventView.color(event));
        embed.put("timestamp", event.occurredAt().toString());
        embed.putObject("footer").put("text", fittedFooter);
        return JsonBodies.unsigned(mapper, message);
    }
}
