package dev.earshot.listener.source.rss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import dev.earshot.listener.model.Mention;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.FetchedPage;
import dev.earshot.listener.source.FetchedPage.RejectedPost;
import dev.earshot.listener.source.PollingSource;
import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.http.HttpCall;
import dev.earshot.listener.source.http.HttpResult;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;
import dev.earshot.web.RetryAfter;
import dev.earshot.listener.source.http.SourceHttpClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * RSS and Atom feeds, read with Rome. Each read is a conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since} from the stored cursor); a 304 is an empty page. Entries dated more than
 * {@code late-entry-window} before the newest entry of the previous read are skipped; within it they are read again
 * and the seen-set drops those already published, so an entry that appears after a newer one is not lost. The first
 * read goes back {@code initial-lookback}. Google Alerts redirect links are unwrapped to the real page.
 */
@ApplicationScoped
public class RssSource implements PollingSource {

    public static final String SOURCE = RssEntryMapper.SOURCE;
    static final String ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    private final RssConfig config;
    private final SourceHttpClient http;
    private final RssEntryMapper mapper;
    private final ObjectMapper json;
    private final Map<String, String> feedUrls;

    public RssSource(RssConfig config, SourceHttpClient http, RssEntryMapper mapper, ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.mapper = mapper;
        this.json = json;
        Map<String, String> urls = new LinkedHashMap<>();
        config.feeds().forEach((id, feed) -> addFeed(urls, id, feed.url()));
        for (String url : config.urls().orElse(List.of())) {
            if (!url.isBlank()) {
                addFeed(urls, derivedId(url.strip()), url.strip());
            }
        }
        this.feedUrls = Map.copyOf(urls);
    }

    private static void addFeed(Map<String, String> urls, String id, String url) {
        String host = hostOf(url);
        if (host == null) {
            Log.warnf("rss: feed %s: '%s' is no http(s) URL; skipped", id, url);
            return;
        }
        urls.put(id.toLowerCase(Locale.ROOT), url);
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return !feedUrls.isEmpty();
    }

    @Override
    public Duration pollInterval() {
        return config.pollInterval();
    }

    /** Every configured feed, for all rules (feeds are not searchable: every entry is matched locally). */
    @Override
    public List<Feed> feeds(List<Rule> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<String> ruleIds = rules.stream().map(Rule::id).toList();
        return feedUrls.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Feed(SOURCE, hostOf(e.getValue()), SOURCE + ":" + hostOf(e.getValue()) + ":" + e.getKey(),
                        e.getValue(), ruleIds, Map.of("url", e.getValue())))
                .toList();
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        FeedCursor stored = FeedCursor.parse(json, storedCursor);
        String url = feed.params().get("url");
        String what = "rss " + feed.key();
        HttpCall call = HttpCall.get(url, config.timeout(), config.maxBodyBytes())
                .withHeader("Accept", ACCEPT)
                .withHeader("User-Agent", "Earshot-Listener/0.1 (RSS reader)")
                .withHeader("If-None-Match", stored == null ? null : stored.etag())
                .withHeader("If-Modified-Since", stored == null ? null : stored.lastModified());
        Instant fetchedAt = Instant.now();
        return http.send(call).chain(result -> {
            if (result.status() == 304) {
                return Uni.createFrom().item(new FetchedPage(List.of(), List.of(), null, storedCursor, null));
            }
            if (!result.ok()) {
                return Uni.createFrom().failure(error(what, result));
            }
            // Rome and its XML parser are CPU work: off the event loop
            return Uni.createFrom().item(() -> read(feed, what, result, stored, fetchedAt))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    private FetchedPage read(Feed feed, String what, HttpResult result, FeedCursor stored, Instant fetchedAt) {
        SyndFeed parsed = parse(what, result);
        String base = baseOf(parsed, feed.params().get("url"));
        // entries that appear after a newer one (scheduled or backdated posts) are still read within the late-entry
        // window; those already published are dropped by the seen-set
        Instant since = stored == null ? fetchedAt.minus(config.initialLookback())
                : stored.newest() == null ? null : stored.newest().minus(config.lateEntryWindow());
        Instant newest = stored != null ? stored.newest() : null;
        List<Mention> mentions = new ArrayList<>();
        List<RejectedPost> rejected = new ArrayList<>();
        for (SyndEntry entry : parsed.getEntries()) {
            try {
                Instant date = RssEntryMapper.dateOf(entry);
                if (date != null && since != null && date.isBefore(since)) {
                    continue;
                }
                Mention mention = mapper.toMention(entry, feed.instance(), fetchedAt,
                        entry.getWireEntry() instanceof Entry atom ? rebase(base, atom.getXmlBase()) : base);
                mentions.add(mention);
                // an entry dated ahead (a wrong time zone, a notice dated at its event) must not carry the cursor
                // past the entries that are published meanwhile: they would be skipped as older
                Instant at = date == null || date.isAfter(fetchedAt) ? fetchedAt : date;
                if (date != null && (newest == null || at.isAfter(newest))) {
                    newest = at;
                }
            } catch (MalformedPostException e) {
                Log.warnf("rss: %s: entry rejected: %s", what, e.getMessage());
                rejected.add(new RejectedPost(e.getMessage(), describe(entry)));
            }
        }
        FeedCursor next = new FeedCursor(result.header("ETag"), result.header("Last-Modified"), newest);
        return new FetchedPage(mentions, rejected, null, next.format(json), null);
    }

    private static SyndFeed parse(String what, HttpResult result) {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true); // for Atom's xml:base, which Rome does not apply itself
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(result.bytes()), result.header("Content-Type"),
                true)) {
            if (StandardCharsets.UTF_8.name().equalsIgnoreCase(reader.getEncoding()) && !isUtf8(result.bytes())) {
                // written in Latin-1 but declared UTF-8 (a common CMS fault): read as written, not as U+FFFD.
                // ISO-8859-1 rather than windows-1252, which a native image may lack; C1 controls are dropped later
                Log.debugf("%s: declared UTF-8 but is not; read as ISO-8859-1", what);
                return input.build(new StringReader(new String(result.bytes(), StandardCharsets.ISO_8859_1)));
            }
            return input.build(reader);
        } catch (FeedException | IOException | IllegalArgumentException | IllegalStateException e) {
            throw new SourceException.InvalidPage(what + ": not a readable RSS or Atom feed: " + e.getMessage(), e);
        }
    }

    /** What relative links of the feed resolve against: Atom's {@code xml:base} (itself against the URL), else the URL. */
    private static String baseOf(SyndFeed parsed, String url) {
        return parsed.originalWireFeed() instanceof com.rometools.rome.feed.atom.Feed atom ? rebase(url, atom.getXmlBase()) : url;
    }

    private static String rebase(String base, String xmlBase) {
        return xmlBase == null || xmlBase.isBlank() ? base : RssEntryMapper.resolve(base, xmlBase);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private SourceException error(String what, HttpResult result) {
        int status = result.status();
        if (status == 429 || status == 503 && result.header("Retry-After") != null) {
            Duration wait = RetryAfter.parse(result.header("Retry-After"), Instant.now());
            return new SourceException.RateLimited(what + ": rate limited (" + status + ")",
                    wait != null ? wait : config.defaultBackoff());
        }
        if (status == 401 || status == 403) {
            return new SourceException.AccessDenied(what + ": access denied (" + status + ")");
        }
        return new SourceException.Upstream(what + ": HTTP " + status, status, null);
    }

    /** What the dead-letter entry of an unreadable entry shows (Rome keeps no raw XML per entry). */
    private static String describe(SyndEntry entry) {
        return "{\"uri\": " + quote(entry.getUri()) + ", \"link\": " + quote(entry.getLink()) + ", \"title\": "
                + quote(entry.getTitle()) + ", \"published\": " + quote(String.valueOf(entry.getPublishedDate())) + "}";
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + PostChecks.abbreviate(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String hostOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return null;
            }
            return uri.getPort() < 0 ? uri.getHost().toLowerCase(Locale.ROOT)
                    : uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A stable id for a feed given by URL only: its host and a short hash of the whole URL. */
    static String derivedId(String url) {
        String host = hostOf(url);
        String hash = Integer.toHexString(url.hashCode() & 0x7fffffff);
        return (host == null ? "feed" : host.replace(':', '-')) + "-" + hash;
    }
}
