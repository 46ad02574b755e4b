package dev.earshot.listener.source.hackernews;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.post.MalformedPostException;

/** Reads Algolia search pages and turns each hit into a {@code mention} v1 (without matched rules yet). */
@ApplicationScoped
public class HackerNewsMapper {

    public static final String SOURCE = "hackernews";
    public static final String INSTANCE = "news.ycombinator.com";
    static final String PERMALINK = "https://news.ycombinator.com/item?id=";
    static final String PROFILE = "https://news.ycombinator.com/user?id=";

    /** Hacker News went online in 2007; anything before 2006 is a broken timestamp. */
    static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
    /** Clock skew tolerated for timestamps in the future. */
    static final Duration MAX_FUTURE = Duration.ofDays(1);

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");

    private final ObjectMapper objectMapper;
    private final HtmlNormaliser normaliser;

    public HackerNewsMapper(ObjectMapper objectMapper, HtmlNormaliser normaliser) {
        this.objectMapper = objectMapper;
        this.normaliser = normaliser;
    }

    /** A parsed search page; {@code nbHits} is how many hits the query has in all. */
    public record Page(List<JsonNode> hits, int page, int nbPages, long nbHits, int hitsPerPage) {
    }

    /** Parses one page of {@code search_by_date}; throws {@link SourceException.InvalidPage} when it is not one. */
    public Page parsePage(String body) {
        JsonNode root;
        try {
            root = objectMapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new SourceException.InvalidPage("search page is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("hits").isArray()) {
            throw new SourceException.InvalidPage("search page has no hits array", null);
        }
        int page = root.path("page").isIntegralNumber() ? root.path("page").intValue() : 0;
        int nbPages = root.path("nbPages").isIntegralNumber() ? root.path("nbPages").intValue() : page + 1;
        List<JsonNode> hits = new java.util.ArrayList<>();
        root.path("hits").forEach(hits::add);
        long nbHits = root.path("nbHits").isIntegralNumber() ? root.path("nbHits").longValue() : hits.size();
        int hitsPerPage = root.path("hitsPerPage").isIntegralNumber() ? root.path("hitsPerPage").intValue()
                : Math.max(1, hits.size());
        return new Page(hits, page, nbPages, nbHits, hitsPerPage);
    }

    /** The creation time of a hit in epoch seconds, validated. */
    public long createdAtEpochSecond(JsonNode hit, Instant now) {
        JsonNode created = hit.get("created_at_i");
        if (created == null || created.isNull()) {
            throw new MalformedPostException("missing created_at_i");
        }
        if (!created.isIntegralNumber() || !created.canConvertToLong()) {
            throw new MalformedPostException("created_at_i is not an integer");
        }
        long epoch = created.longValue();
        Instant at = Instant.ofEpochSecond(epoch);
        if (at.isBefore(EARLIEST) || at.isAfter(now.plus(MAX_FUTURE))) {
            throw new MalformedPostException("created_at_i out of range: " + at);
        }
        return epoch;
    }

    /** Maps one hit; throws {@link MalformedPostException} with the reason when it cannot. */
    public Mention toMention(JsonNode hit, Instant fetchedAt) {
        if (hit == null || !hit.isObject()) {
            throw new MalformedPostException("hit is not a JSON object");
        }
        String objectId = text(hit, "objectID");
        if (objectId == null || !NUMERIC_ID.matcher(objectId).matches()) {
            throw new MalformedPostException(objectId == null ? "missing objectID" : "objectID is not an item id");
        }
        Instant createdAt = Instant.ofEpochSecond(createdAtEpochSecond(hit, fetchedAt));
        String author = text(hit, "author");
        if (author == null || author.isBlank()) {
            throw new MalformedPostException("missing author");
        }
        Long points = integer(hit, "points");
        boolean comment = hasTag(hit, "comment") || hit.hasNonNull("comment_text");

        String conversationId;
        String inReplyTo;
        String title;
        String text;
        Long replies;
        List<String> links = new java.util.ArrayList<>();
        if (comment) {
            Long storyId = integer(hit, "story_id");
            if (storyId == null) {
                throw new MalformedPostException("comment without story_id");
            }
            Long parentId = integer(hit, "parent_id");
            conversationId = id(String.valueOf(storyId));
            inReplyTo = parentId == null ? null : id(String.valueOf(parentId));
            title = null;
            HtmlNormaliser.Normalised normalised = normaliser.normalise(text(hit, "comment_text"));
            text = normalised.text();
            links.addAll(normalised.links());
            replies = integer(hit, "num_comments");
        } else {
            conversationId = id(objectId);
            inReplyTo = null;
            String rawTitle = text(hit, "title");
            title = rawTitle == null ? null : rawTitle.strip();
            String url = text(hit, "url");
            if (url != null && HtmlNormaliser.isWebLink(url)) {
                links.add(url.strip());
            }
            HtmlNormaliser.Normalised normalised = normaliser.normalise(text(hit, "story_text"));
            text = normalised.text();
            normalised.links().stream().filter(link -> !links.contains(link)).forEach(links::add);
            replies = integer(hit, "num_comments");
        }
        return Mention.builder().source(SOURCE).instance(INSTANCE).nativeId(objectId)
                .permalink(PERMALINK + objectId).conversationId(conversationId).inReplyTo(inReplyTo)
                .author(new Mention.Author(author, author, author, null, PROFILE + author))
                .title(title).text(text).createdAt(createdAt).fetchedAt(fetchedAt)
                .engagement(new Mention.Engagement(points, replies, null))
                .links(links)
                .build();
    }

    static String id(String nativeId) {
        return Mention.idOf(SOURCE, INSTANCE, nativeId);
    }

    private static boolean hasTag(JsonNode hit, String tag) {
        JsonNode tags = hit.get("_tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode t : tags) {
                if (tag.equals(t.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(JsonNode hit, String field) {
        JsonNode node = hit.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedPostException(field + " is not a string");
        }
        return node.textValue();
    }

    private static Long integer(JsonNode hit, String field) {
        JsonNode node = hit.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedPostException(field + " is not an integer");
        }
        return node.longValue();
    }
}
