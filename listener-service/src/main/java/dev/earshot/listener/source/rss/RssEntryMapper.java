package dev.earshot.listener.source.rss;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndPerson;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.HtmlNormaliser;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;

/** Turns a Rome feed entry (RSS item or Atom entry) into a mention. */
@ApplicationScoped
public class RssEntryMapper {

    public static final String SOURCE = "rss";
    /** Native ids longer than this (long URLs, tag URIs) are replaced by a hash of themselves. */
    static final int MAX_NATIVE_ID = 100;

    private final HtmlNormaliser html;

    public RssEntryMapper(HtmlNormaliser html) {
        this.html = html;
    }

    /** The entry's date: published, else updated; null when it has none. */
    static Instant dateOf(SyndEntry entry) {
        if (entry.getPublishedDate() != null) {
            return entry.getPublishedDate().toInstant();
        }
        return entry.getUpdatedDate() == null ? null : entry.getUpdatedDate().toInstant();
    }

    /**
     * Maps an entry; its relative links (a permalink {@code 2026/11/post}, {@code <a href="/docs">}) resolve against
     * {@code base}, the feed's URL or {@code xml:base}.
     */
    public Mention toMention(SyndEntry entry, String instance, Instant fetchedAt, String base) {
        String resolved = resolve(base, blankToNull(entry.getLink()));
        String link = GoogleAlerts.unwrap(resolved);
        boolean redirected = link != null && !link.equals(resolved);
        String uri = blankToNull(entry.getUri());
        // a Google Alerts entry id names the alert, not the page: the page's real URL identifies it
        String identity = redirected ? link : uri != null ? uri : link;
        if (identity == null) {
            throw new MalformedPostException("an entry without id, guid or link");
        }
        Instant published = dateOf(entry);
        if (published != null) {
            PostChecks.checkedTime(published, "published", fetchedAt);
        }
        Instant updated = entry.getUpdatedDate() == null ? null : entry.getUpdatedDate().toInstant();
        String body = bodyHtml(entry);
        String title = entry.getTitle() == null ? null : blankToNull(html.toPlainText(entry.getTitle()));
        String text = html.toPlainText(body);
        if (title == null && text.isEmpty()) {
            throw new MalformedPostException("an entry without title and content");
        }
        return Mention.builder()
                .source(SOURCE)
                .instance(instance)
                .nativeId(nativeId(identity))
                .permalink(link)
                .author(author(entry))
                .title(title)
                .text(text)
                .createdAt(published != null ? published : fetchedAt)
                .editedAt(published != null && updated != null && updated.isAfter(published) ? updated : null)
                .fetchedAt(fetchedAt)
                .engagement(new Mention.Engagement(null, null, null))
                .links(links(body, link, base))
                .build();
    }

    /** Content (Atom content, RSS content:encoded) when there is any, else the description/summary. */
    private static String bodyHtml(SyndEntry entry) {
        StringBuilder out = new StringBuilder();
        for (SyndContent content : entry.getContents()) {
            appendContent(out, content);
        }
        if (out.length() == 0 && entry.getDescription() != null) {
            appendContent(out, entry.getDescription());
        }
        return out.toString();
    }

    private static void appendContent(StringBuilder out, SyndContent content) {
        if (content.getValue() == null) {
            return;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(java.util.Locale.ROOT);
        boolean plain = type.equals("text") || type.equals("text/plain");
        String value = plain ? org.jsoup.nodes.Entities.escape(content.getValue()) : content.getValue();
        out.append(out.length() == 0 ? "" : "<br>").append(value);
    }

    private static Mention.Author author(SyndEntry entry) {
        String name = null;
        String profile = null;
        if (!entry.getAuthors().isEmpty()) {
            SyndPerson person = entry.getAuthors().get(0);
            name = blankToNull(person.getName());
            profile = blankToNull(person.getUri());
        }
        if (name == null) {
            name = blankToNull(entry.getAuthor());
        }
        if (name == null) {
            return null;
        }
        name = PostChecks.abbreviate(name.strip());
        return new Mention.Author(name, name, name, null,
                profile != null && profile.toLowerCase(java.util.Locale.ROOT).startsWith("http") ? profile : null);
    }

    /** Links in the content (relative ones against {@code base}), Google redirects unwrapped, without the permalink. */
    private static List<String> links(String body, String permalink, String base) {
        Set<String> links = new LinkedHashSet<>();
        if (!body.isBlank()) {
            for (Element anchor : Jsoup.parseBodyFragment(body).select("a[href]")) {
                PostChecks.addLink(links, GoogleAlerts.unwrap(resolve(base, anchor.attr("href"))));
            }
        }
        links.remove(permalink);
        List<String> list = new ArrayList<>(links);
        return list.subList(0, Math.min(list.size(), Mention.MAX_LINKS));
    }

    /** {@code link} resolved against {@code base} when it is relative and the base absolute; else as it is. */
    static String resolve(String base, String link) {
        if (link == null || base == null || link.isBlank() || link.regionMatches(true, 0, "http", 0, 4)) {
            return link;
        }
        try {
            URI resolved = URI.create(base.strip()).resolve(link.strip());
            return resolved.isAbsolute() ? resolved.toString() : link;
        } catch (IllegalArgumentException notAUri) {
            return link;
        }
    }

    static String nativeId(String identity) {
        String id = identity.strip();
        if (id.length() <= MAX_NATIVE_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
