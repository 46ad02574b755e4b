package dev.earshot.listener.source.post;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.model.Mention;

/**
 * Field readers the connectors share. Each throws {@link MalformedPostException} with a reason that
 * names the field, so one unreadable post is dead-lettered and the rest of its page goes on.
 */
public final class PostChecks {

    /** Posts dated before this are treated as absurd (no platform we read existed). */
    static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");
    /** Clock skew tolerated for posts dated in the future. */
    static final Duration FUTURE_SKEW = Duration.ofDays(1);

    private PostChecks() {
    }

    /** A required non-blank text field (numbers are accepted as their text). */
    public static String requiredText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            throw new MalformedPostException("missing or non-text field '" + field + "'");
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new MalformedPostException("blank field '" + field + "'");
        }
        return text;
    }

    /** An optional text field: null when absent, null or blank. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** An optional count: null when absent or not a number (never 0 for "unknown"). */
    public static Long optionalCount(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() && value.asLong() >= 0 ? value.asLong() : null;
    }

    /** A required ISO-8601 timestamp within sane bounds. */
    public static Instant requiredInstant(JsonNode node, String field, Instant now) {
        String text = requiredText(node, field);
        Instant instant = parseInstant(text);
        if (instant == null) {
            throw new MalformedPostException("field '" + field + "' is not an ISO-8601 time: " + abbreviate(text));
        }
        return checkedTime(instant, field, now);
    }

    /** An optional ISO-8601 timestamp: null when absent or unreadable. */
    public static Instant optionalInstant(JsonNode node, String field) {
        String text = optionalText(node, field);
        return text == null ? null : parseInstant(text);
    }

    /** Rejects dates before 1995 or more than a day ahead of {@code now}. */
    public static Instant checkedTime(Instant instant, String field, Instant now) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(now.plus(FUTURE_SKEW))) {
            throw new MalformedPostException("field '" + field + "' has an absurd time: " + instant);
        }
        return instant;
    }

    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * Absolute http(s) links of an HTML fragment, in order, without duplicates and without the links
     * that {@code skip} selects (e.g. mentions and hashtags), plus {@code extra} ones; at most
     * {@link Mention#MAX_LINKS}.
     */
    public static List<String> links(String html, String skip, String... extra) {
        Set<String> links = new LinkedHashSet<>();
        if (html != null && !html.isBlank()) {
            for (Element anchor : Jsoup.parseBodyFragment(html).select("a[href]")) {
                if (skip == null || !anchor.is(skip)) {
                    addLink(links, anchor.attr("href"));
                }
            }
        }
        for (String link : extra) {
            addLink(links, link);
        }
        List<String> list = new ArrayList<>(links);
        return list.subList(0, Math.min(list.size(), Mention.MAX_LINKS));
    }

    /** Adds an absolute http(s) URL to {@code links}; anything else is ignored. */
    public static void addLink(Set<String> links, String link) {
        if (link == null) {
            return;
        }
        String trimmed = link.strip();
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if ((lower.startsWith("http://") || lower.startsWith("https://")) && trimmed.length() <= 2048
                && trimmed.chars().noneMatch(Character::isWhitespace)) {
            links.add(trimmed);
        }
    }

    public static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
