package dev.earshot.listener.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.source.PollingSource;
import dev.earshot.listener.source.bluesky.JetstreamConsumer;

/**
 * Reads one pushed post ({@code POST /api/v1/ingest}) into a mention, or says which field is wrong.
 * The shape (field: type, required or not):
 *
 * <pre>
 * source        string  required  [a-z0-9][a-z0-9-]{0,31}, e.g. "forum"
 * instance      string  required  the host, e.g. "forum.example.com"
 * nativeId      string  required  the post's id on that instance (at most 200 characters)
 * permalink     string  optional  http(s) URL of the post
 * author        object  required  {id, handle, displayName, followers, profileUrl}; id or handle required
 * title         string  optional  at most 500 characters
 * text          string  required unless title: plain text or HTML (turned into plain text)
 * createdAt     string  required  ISO-8601 instant, not before 1990 and not more than a day ahead
 * editedAt      string  optional  ISO-8601 instant
 * conversationId string optional  the native id of the thread's root post
 * inReplyTo     string  optional  the native id of the post answered
 * languageHint  string  optional  e.g. "en"
 * engagement    object  optional  {likes, replies, shares}: non-negative integers
 * links         array   optional  http(s) URLs
 * </pre>
 *
 * Strings with invalid UTF-8 (decoded as U+FFFD) are refused; control characters are dropped.
 *
 * <p>Pushed posts cannot impersonate a polled post: the names of the sources Earshot reads itself (every
 * {@link PollingSource} and the Jetstream stream) are reserved, and only a caller that may push into them
 * ({@code admin}, e.g. to backfill a post missed during an outage) gets past that check. Everyone else
 * pushes under a source name of their own, so their ids, dedup keys and conversation ids can never be a
 * polled post's. A permalink must point to the post's own instance (same host, and same port when the
 * instance names one).
 */
@ApplicationScoped
public class PushedPostReader {

    static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?");
    /** Titles show in every queue row: a longer one would bloat each page that lists its task. */
    static final int MAX_TITLE = 500;
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    /** A pushed post that cannot be read: the field and why. */
    public static class InvalidPostException extends Exception {
        public InvalidPostException(String message) {
            super(message, null, false, false);
        }
    }

    private final HtmlNormaliser normaliser;
    private final ListenerConfig config;
    private final Set<String> polledSources;

    public PushedPostReader(HtmlNormaliser normaliser, ListenerConfig config, @Any Instance<PollingSource> sources) {
        this.normaliser = normaliser;
        this.config = config;
        Set<String> polled = new TreeSet<>();
        sources.forEach(s -> polled.add(s.source()));
        polled.add(JetstreamConsumer.SOURCE);
        this.polledSources = Set.copyOf(polled);
    }

    /**
     * Reads one post; {@code mayPushPolledSources} is true for callers allowed to push posts of a source that
     * Earshot polls itself ({@code admin}).
     */
    public Mention read(JsonNode post, Instant now, boolean mayPushPolledSources) throws InvalidPostException {
        if (post == null || !post.isObject()) {
            throw new InvalidPostException("the post is not a JSON object");
        }
        String source = required(post, "source");
        if (!SOURCE.matcher(source).matches()) {
            throw new InvalidPostException("source must match " + SOURCE.pattern());
        }
        if (!mayPushPolledSources && polledSources.contains(source)) {
            throw new InvalidPostException("source " + source + " is read by Earshot itself: only admin may push "
                    + "into it; use a source name of your own");
        }
        String instance = required(post, "instance");
        if (!INSTANCE.matcher(instance).matches()) {
            throw new InvalidPostException("instance must be a host name");
        }
        String nativeId = required(post, "nativeId");
        if (nativeId.length() > 200) {
            throw new InvalidPostException("nativeId is longer than 200 characters");
        }
        String permalink = optional(post, "permalink");
        if (permalink != null && !HtmlNormaliser.isWebLink(permalink)) {
            throw new InvalidPostException("permalink must be an http(s) URL");
        }
        if (permalink != null && !onInstance(permalink.strip(), instance)) {
            throw new InvalidPostException("permalink must be on the post's instance " + instance);
        }
        Mention.Author author = author(post.get("author"));
        String title = optional(post, "title");
        String rawText = optional(post, "text");
        if ((rawText == null || rawText.isBlank()) && (title == null || title.isBlank())) {
            throw new InvalidPostException("text is required (or a title)");
        }
        if (title != null && title.length() > MAX_TITLE) {
            throw new InvalidPostException("title is longer than " + MAX_TITLE + " characters");
        }
        if (rawText != null && rawText.length() > config.ingest().maxTextLength()) {
            throw new InvalidPostException("text is longer than " + config.ingest().maxTextLength() + " characters");
        }
        HtmlNormaliser.Normalised normalised = normaliser.normalise(rawText);
        String text = normalised.text();
        List<String> links = new ArrayList<>(normalised.links());
        Instant createdAt = instant(post, "createdAt", true, now);
        Instant editedAt = instant(post, "editedAt", false, now);
        String conversation = optional(post, "conversationId");
        String inReplyTo = optional(post, "inReplyTo");
        String language = optional(post, "languageHint");
        if (language != null && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")) {
            throw new InvalidPostException("languageHint must be a language tag such as en or pt-BR");
        }
        JsonNode linksNode = post.get("links");
        if (linksNode != null && !linksNode.isNull()) {
            if (!linksNode.isArray()) {
                throw new InvalidPostException("links must be an array of URLs");
            }
            for (JsonNode link : linksNode) {
                if (!link.isTextual() || !HtmlNormaliser.isWebLink(link.textValue())) {
                    throw new InvalidPostException("links must be http(s) URLs");
                }
                if (!links.contains(link.textValue())) {
                    links.add(link.textValue());
                }
            }
        }
        return Mention.builder().source(source).instance(instance).nativeId(nativeId).permalink(permalink)
                .conversationId(conversation == null ? null : Mention.idOf(source, instance, conversation))
                .inReplyTo(inReplyTo == null ? null : Mention.idOf(source, instance, inReplyTo))
                .author(author).title(title == null ? null : clean(title).strip()).text(text)
                .languageHint(language).createdAt(createdAt).editedAt(editedAt).fetchedAt(now)
                .engagement(engagement(post.get("engagement"))).links(links).build();
    }

    /** True when the URL's host is the instance's host (and its port the instance's port, if it names one). */
    static boolean onInstance(String url, String instance) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        int colon = instance.indexOf(':');
        String host = colon < 0 ? instance : instance.substring(0, colon);
        if (!stripDot(uri.getHost()).equalsIgnoreCase(stripDot(host))) {
            return false;
        }
        return colon < 0 || Integer.toString(uri.getPort()).equals(instance.substring(colon + 1));
    }

    private static String stripDot(String host) {
        return (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).toLowerCase(Locale.ROOT);
    }

    private Mention.Author author(JsonNode node) throws InvalidPostException {
        if (node == null || !node.isObject()) {
            throw new InvalidPostException("author is required and must be an object");
        }
        String id = optional(node, "id", "author.id");
        String handle = optional(node, "handle", "author.handle");
        if (id == null && handle == null) {
            throw new InvalidPostException("author.id or author.handle is required");
        }
        String profile = optional(node, "profileUrl", "author.profileUrl");
        if (profile != null && !HtmlNormaliser.isWebLink(profile)) {
            throw new InvalidPostException("author.profileUrl must be an http(s) URL");
        }
        return new Mention.Author(id == null ? handle : id, handle == null ? id : handle,
                optional(node, "displayName", "author.displayName"), count(node, "followers", "author.followers"),
                profile);
    }

    private Mention.Engagement engagement(JsonNode node) throws InvalidPostException {
        if (node == null || node.isNull()) {
            return new Mention.Engagement(null, null, null);
        }
        if (!node.isObject()) {
            throw new InvalidPostException("engagement must be an object");
        }
        return new Mention.Engagement(count(node, "likes", "engagement.likes"),
                count(node, "replies", "engagement.replies"), count(node, "shares", "engagement.shares"));
    }

    private static Long count(JsonNode node, String field, String name) throws InvalidPostException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new InvalidPostException(name + " must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode post, String field, boolean required, Instant now)
            throws InvalidPostException {
        String value = required ? required(post, field) : optional(post, field);
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                at = java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidPostException(field + " is not an ISO-8601 date-time");
            }
        }
        if (at.isBefore(EARLIEST) || at.isAfter(now.plus(MAX_FUTURE))) {
            throw new InvalidPostException(field + " out of range: " + at);
        }
        return at;
    }

    private static String required(JsonNode node, String field) throws InvalidPostException {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new InvalidPostException(field + " is required");
        }
        return value.strip();
    }

    private static String optional(JsonNode node, String field) throws InvalidPostException {
        return optional(node, field, field);
    }

    private static String optional(JsonNode node, String field, String name) throws InvalidPostException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidPostException(name + " must be a string");
        }
        String text = value.textValue();
        if (text.indexOf('\uFFFD') >= 0) {
            throw new InvalidPostException(name + " is not valid UTF-8");
        }
        return clean(text);
    }

    private static String clean(String text) {
        return CONTROL.matcher(text).replaceAll("");
    }
}
