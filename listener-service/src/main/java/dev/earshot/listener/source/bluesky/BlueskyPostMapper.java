package dev.earshot.listener.source.bluesky;

import static dev.earshot.listener.source.post.PostChecks.optionalCount;
import static dev.earshot.listener.source.post.PostChecks.optionalText;
import static dev.earshot.listener.source.post.PostChecks.requiredInstant;
import static dev.earshot.listener.source.post.PostChecks.requiredText;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PlainText;
import dev.earshot.listener.source.post.PostChecks;

/**
 * Turns an {@code app.bsky.feed.post} record into a mention, whether it came in a search result's PostView
 * or in a Jetstream commit. The id is the post's AT URI on the fixed instance {@code bsky.app}, so a post
 * found by search and by the stream is one mention.
 */
@ApplicationScoped
public class BlueskyPostMapper {

    public static final String SOURCE = "bluesky";
    public static final String INSTANCE = "bsky.app";
    static final String POST_COLLECTION = "app.bsky.feed.post";

    /** Who wrote a post, as far as the caller knows. */
    public record Author(String did, String handle, String displayName, Long followers) {
    }

    /** Engagement of a PostView; all null for a post from the stream. */
    public record Counts(Long likes, Long replies, Long reposts) {
        static final Counts UNKNOWN = new Counts(null, null, null);
    }

    /** The AT URI of a post: {@code at://<did>/app.bsky.feed.post/<rkey>}. */
    public static String postUri(String did, String rkey) {
        return "at://" + did + "/" + POST_COLLECTION + "/" + rkey;
    }

    /** A PostView of {@code app.bsky.feed.searchPosts}. */
    public Mention fromPostView(JsonNode post, Long followers, Instant fetchedAt) {
        if (post == null || !post.isObject()) {
            throw new MalformedPostException("a post must be a JSON object");
        }
        String uri = requiredText(post, "uri");
        JsonNode author = post.get("author");
        if (author == null || !author.isObject()) {
            throw new MalformedPostException("missing field 'author'");
        }
        return toMention(uri, post.get("record"),
                new Author(requiredText(author, "did"), optionalText(author, "handle"),
                        optionalText(author, "displayName"), followers),
                new Counts(optionalCount(post, "likeCount"), optionalCount(post, "replyCount"),
                        optionalCount(post, "repostCount")),
                fetchedAt);
    }

    public Mention toMention(String uri, JsonNode record, Author author, Counts counts, Instant fetchedAt) {
        String[] parts = uri.startsWith("at://") ? uri.substring(5).split("/") : new String[0];
        if (parts.length != 3 || !parts[0].startsWith("did:") || !POST_COLLECTION.equals(parts[1]) || parts[2].isBlank()) {
            throw new MalformedPostException("not the AT URI of a post: " + PostChecks.abbreviate(uri));
        }
        if (record == null || !record.isObject()) {
            throw new MalformedPostException("missing field 'record'");
        }
        JsonNode text = record.get("text");
        if (text == null || !text.isTextual()) {
            throw new MalformedPostException("missing or non-text field 'record.text'");
        }
        Instant createdAt = requiredInstant(record, "createdAt", fetchedAt);
        String handle = author.handle() != null && !"handle.invalid".equals(author.handle()) ? author.handle() : null;
        String profile = "https://bsky.app/profile/" + (handle != null ? handle : author.did());
        JsonNode reply = record.path("reply");
        String root = optionalText(reply.path("root"), "uri");
        String parent = optionalText(reply.path("parent"), "uri");
        JsonNode langs = record.path("langs");
        return Mention.builder()
                .source(SOURCE)
                .instance(INSTANCE)
                .nativeId(uri)
                .permalink(profile + "/post/" + parts[2])
                .conversationId(root == null ? null : Mention.idOf(SOURCE, INSTANCE, root))
                .inReplyTo(parent == null ? null : Mention.idOf(SOURCE, INSTANCE, parent))
                .author(new Mention.Author(author.did(), handle != null ? handle : author.did(), author.displayName(),
                        author.followers(), profile))
                .text(PlainText.normalise(text.asText()))
                .languageHint(langs.isArray() && !langs.isEmpty() && langs.get(0).isTextual() ? langs.get(0).asText() : null)
                .createdAt(createdAt)
                .fetchedAt(fetchedAt)
                .engagement(new Mention.Engagement(counts.likes(), counts.replies(), counts.reposts()))
                .links(links(record))
                .build();
    }

    /** Link facets and an external embed. */
    private static List<String> links(JsonNode record) {
        Set<String> links = new LinkedHashSet<>();
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if ("app.bsky.richtext.facet#link".equals(feature.path("$type").asText())) {
                    PostChecks.addLink(links, feature.path("uri").asText(null));
                }
            }
        }
        JsonNode embed = record.path("embed");
        PostChecks.addLink(links, embed.path("external").path("uri").asText(null));
        PostChecks.addLink(links, embed.path("media").path("external").path("uri").asText(null));
        return List.copyOf(links).subList(0, Math.min(links.size(), Mention.MAX_LINKS));
    }
}
