package dev.earshot.listener.source.reddit;

import static dev.earshot.listener.source.post.PostChecks.optionalCount;
import static dev.earshot.listener.source.post.PostChecks.optionalText;
import static dev.earshot.listener.source.post.PostChecks.requiredText;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;

/** Turns a Reddit listing child ({@code t3} link or {@code t1} comment, fetched with {@code raw_json=1}) into a mention. */
@ApplicationScoped
public class RedditMapper {

    public static final String SOURCE = "reddit";
    public static final String INSTANCE = "reddit.com";
    static final String WEB = "https://www.reddit.com";

    private final HtmlNormaliser html;

    public RedditMapper(HtmlNormaliser html) {
        this.html = html;
    }

    /** A child's creation time in epoch seconds, or throws when it has none. */
    static double createdUtc(JsonNode data) {
        JsonNode created = data.get("created_utc");
        if (created == null || !created.isNumber()) {
            throw new MalformedPostException("missing or non-numeric field 'created_utc'");
        }
        return created.asDouble();
    }

    public Mention toMention(JsonNode child, Instant fetchedAt) {
        if (child == null || !child.isObject() || !child.path("data").isObject()) {
            throw new MalformedPostException("a listing child must be an object with 'data'");
        }
        String kind = requiredText(child, "kind");
        JsonNode data = child.get("data");
        String name = requiredText(data, "name");
        if (!name.startsWith(kind + "_")) {
            throw new MalformedPostException("fullname " + PostChecks.abbreviate(name) + " does not match kind " + kind);
        }
        Instant createdAt = PostChecks.checkedTime(Instant.ofEpochMilli((long) (createdUtc(data) * 1000)),
                "created_utc", fetchedAt);
        String author = optionalText(data, "author");
        boolean deleted = author == null || "[deleted]".equals(author);
        Mention.Builder mention = Mention.builder()
                .source(SOURCE)
                .instance(INSTANCE)
                .nativeId(name)
                .permalink(permalink(data))
                .author(new Mention.Author(deleted ? null : optionalText(data, "author_fullname"),
                        author, null, null, deleted ? null : WEB + "/user/" + author))
                .createdAt(createdAt)
                .editedAt(editedAt(data))
                .fetchedAt(fetchedAt);
        switch (kind) {
            case "t3" -> {
                String selftext = optionalText(data, "selftext");
                // what Reddit shows in place of a removed or deleted post's body, not the author's words
                boolean gone = "[removed]".equals(selftext) || "[deleted]".equals(selftext);
                String bodyHtml = gone ? null : optionalText(data, "selftext_html");
                String outbound = data.path("is_self").asBoolean(true) ? null
                        : optionalText(data, "url");
                mention.title(html.toPlainText(requiredText(data, "title")))
                        .text(bodyHtml != null ? html.toPlainText(bodyHtml) : gone ? "" : textOf(selftext))
                        .engagement(new Mention.Engagement(score(data), optionalCount(data, "num_comments"), null))
                        .links(PostChecks.links(bodyHtml, null, outbound));
            }
            case "t1" -> {
                String linkId = requiredText(data, "link_id");
                String parentId = requiredText(data, "parent_id");
                String bodyHtml = optionalText(data, "body_html");
                JsonNode body = data.get("body");
                if (body == null || !body.isTextual()) {
                    throw new MalformedPostException("missing or non-text field 'body'");
                }
                mention.conversationId(Mention.idOf(SOURCE, INSTANCE, linkId))
                        .inReplyTo(Mention.idOf(SOURCE, INSTANCE, parentId))
                        .text(bodyHtml != null ? html.toPlainText(bodyHtml) : textOf(body.asText()))
                        .engagement(new Mention.Engagement(score(data), null, null))
                        .links(PostChecks.links(bodyHtml, null));
            }
            default -> throw new MalformedPostException("unexpected kind " + PostChecks.abbreviate(kind));
        }
        return mention.build();
    }

    /** Markdown without its HTML rendering: only whitespace is tidied. */
    private String textOf(String markdown) {
        return markdown == null ? "" : html.toPlainText(markdown.replace("<", "&lt;").replace("\n", "<br>"));
    }

    private static String permalink(JsonNode data) {
        String path = optionalText(data, "permalink");
        if (path == null) {
            return null;
        }
        return path.startsWith("/") ? WEB + path : path;
    }

    private static Long score(JsonNode data) {
        JsonNode score = data.get("score");
        return score != null && score.isNumber() ? score.asLong() : null;
    }

    /** {@code edited} is {@code false} or the epoch second of the last edit. */
    private static Instant editedAt(JsonNode data) {
        JsonNode edited = data.get("edited");
        return edited != null && edited.isNumber() && edited.asDouble() > 0
                ? Instant.ofEpochMilli((long) (edited.asDouble() * 1000)) : null;
    }
}
