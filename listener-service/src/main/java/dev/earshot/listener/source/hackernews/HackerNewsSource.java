package dev.earshot.listener.source.hackernews;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.earshot.listener.config.ListenerConfig;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.rules.Rule;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.FetchedPage;
import dev.earshot.listener.source.PollingSource;
import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.http.HttpCall;
import dev.earshot.listener.source.http.SourceHttpClient;
import dev.earshot.listener.source.http.StatusErrors;
import dev.earshot.listener.source.post.MalformedPostException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Uni;

/**
 * Hacker News through the Algolia {@code search_by_date} API (stories and comments, newest first). One
 * feed per distinct search term of the rules (its key {@code hackernews:<term>} holds its cursor).
 *
 * <p>Cursor: the newest {@code created_at_i} read, in epoch seconds; each poll asks for
 * {@code created_at_i > cursor - overlap}. Algolia serves at most {@code max-hits-per-query} (1,000) hits
 * of one query: when a window holds more, the window's upper bound is narrowed to the oldest hit read so
 * far ({@code created_at_i <= oldest}, inclusive so that hits of the same second are not skipped; dedup
 * drops the repeats) and paging restarts there. While a window is still being read the cursor is
 * {@code since:upper:newest}, so a poll that stops (page cap, restart, failure) resumes exactly where
 * it was and then moves on to the newest time.
 */
@ApplicationScoped
public class HackerNewsSource implements PollingSource {

    public static final String SOURCE = HackerNewsMapper.SOURCE;
    public static final String INSTANCE = HackerNewsMapper.INSTANCE;

    /** Algolia tag filter: stories or comments. */
    static final String TAGS = "(story,comment)";

    private final ListenerConfig config;
    private final SourceHttpClient http;
    private final HackerNewsMapper mapper;

    public HackerNewsSource(ListenerConfig config, SourceHttpClient http, HackerNewsMapper mapper) {
        this.config = config;
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.hackernews().enabled();
    }

    @Override
    public Duration pollInterval() {
        String every = config.hackernews().pollInterval().strip();
        return every.equalsIgnoreCase("off") || every.isEmpty() ? Duration.ZERO
                : DurationConverter.parseDuration(every);
    }

    @Override
    public List<Feed> feeds(List<Rule> rules) {
        Map<String, List<String>> ruleIdsByTerm = new LinkedHashMap<>();
        for (Rule rule : rules) {
            List<String> terms = rule.searchTerms();
            if (terms.isEmpty()) {
                Log.debugf("hackernews: rule %s has no search term, it only matches posts other rules find", rule.id());
            }
            terms.forEach(term -> ruleIdsByTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(rule.id()));
        }
        List<Feed> feeds = new ArrayList<>();
        ruleIdsByTerm.forEach((term, ruleIds) -> feeds.add(
                new Feed(SOURCE, INSTANCE, SOURCE + ":" + term, term, ruleIds, Map.of())));
        return feeds;
    }

    /** Where a poll stands: the window (since, upper], the page, the newest and oldest times read. */
    record Position(long since, Long upper, int page, Long newest, Long oldest) {

        static Position parse(String token) {
            String[] p = token.split(":", -1);
            return new Position(Long.parseLong(p[0]), nullable(p[1]), Integer.parseInt(p[2]), nullable(p[3]),
                    nullable(p[4]));
        }

        String token() {
            return since + ":" + string(upper) + ":" + page + ":" + string(newest) + ":" + string(oldest);
        }

        private static Long nullable(String value) {
            return value.isEmpty() ? null : Long.valueOf(value);
        }

        private static String string(Long value) {
            return value == null ? "" : value.toString();
        }
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        Position position;
        try {
            position = pageToken != null ? Position.parse(pageToken) : start(storedCursor, Instant.now());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new SourceException.InvalidPage("unreadable cursor " + storedCursor, e));
        }
        String filter = "created_at_i>" + position.since()
                + (position.upper() == null ? "" : ",created_at_i<=" + position.upper());
        ListenerConfig.HackerNews hn = config.hackernews();
        String uri = trimSlash(hn.baseUrl()) + "/api/v1/search_by_date?query=" + HttpCall.encode(feed.query())
                + "&tags=" + HttpCall.encode(TAGS) + "&numericFilters=" + HttpCall.encode(filter)
                + "&hitsPerPage=" + hn.hitsPerPage() + "&page=" + position.page();
        return http.send(HttpCall.get(uri, hn.timeout(), hn.maxBodyBytes()).withHeader("Accept", "application/json"))
                .map(result -> {
                    if (!result.ok()) {
                        // 429: Retry-After, else the poller's rate-limit back-off; 401/403 access denied; else upstream
                        throw StatusErrors.forStatus("hackernews " + feed.query(), result, null);
                    }
                    return read(result.body(), position);
                });
    }

    /** The first position of a poll: from the stored cursor (minus the overlap), or the initial look-back. */
    Position start(String storedCursor, Instant now) {
        if (storedCursor == null || storedCursor.isBlank()) {
            return new Position(now.minus(config.hackernews().initialLookback()).getEpochSecond(), null, 0, null, null);
        }
        if (storedCursor.contains(":")) {
            String[] p = storedCursor.split(":", -1);
            Long newest = p[2].isEmpty() ? null : Long.valueOf(p[2]);
            return new Position(Long.parseLong(p[0]), Long.valueOf(p[1]), 0, newest, null);
        }
        long cursor = Long.parseLong(storedCursor);
        return new Position(cursor - config.hackernews().overlap().toSeconds(), null, 0, cursor, null);
    }

    private FetchedPage read(String body, Position position) {
        HackerNewsMapper.Page page = mapper.parsePage(body);
        Instant fetchedAt = Instant.now();
        List<Mention> mentions = new ArrayList<>();
        List<FetchedPage.RejectedPost> rejected = new ArrayList<>();
        Long newest = position.newest();
        Long oldest = position.oldest();
        for (JsonNode hit : page.hits()) {
            try {
                Mention mention = mapper.toMention(hit, fetchedAt);
                long created = mention.createdAt().getEpochSecond();
                // a hit dated ahead of the clock must not carry the cursor past the hits posted meanwhile
                long upTo = Math.min(created, fetchedAt.getEpochSecond());
                newest = newest == null ? upTo : Math.max(newest, upTo);
                oldest = oldest == null ? created : Math.min(oldest, created);
                mentions.add(mention);
            } catch (MalformedPostException e) {
                rejected.add(new FetchedPage.RejectedPost(e.getMessage(), hit.toString()));
            }
        }
        int hitsPerPage = Math.max(1, page.hitsPerPage());
        int nextPage = page.page() + 1;
        boolean morePages = nextPage < page.nbPages() && (long) nextPage * hitsPerPage < config.hackernews().maxHitsPerQuery();
        boolean truncated = !morePages && page.nbHits() > (long) nextPage * hitsPerPage && oldest != null
                && !page.hits().isEmpty();
        if (morePages) {
            Position next = new Position(position.since(), position.upper(), nextPage, newest, oldest);
            return new FetchedPage(mentions, rejected, next.token(), pending(position.since(), oldest, position.upper(), newest),
                    null);
        }
        if (truncated) {
            long upper = oldest;
            if (position.upper() != null && upper >= position.upper()) {
                upper = position.upper() - 1;
                Log.warnf("hackernews: more than %d hits in the second %d; the rest of that second is skipped",
                        config.hackernews().maxHitsPerQuery(), position.upper());
            }
            if (upper <= position.since()) {
                return new FetchedPage(mentions, rejected, null, newest == null ? null : newest.toString(), null);
            }
            Position next = new Position(position.since(), upper, 0, newest, null);
            return new FetchedPage(mentions, rejected, next.token(), position.since() + ":" + upper + ":" + string(newest),
                    null);
        }
        return new FetchedPage(mentions, rejected, null, newest == null ? null : newest.toString(), null);
    }

    /** The cursor of a window read down to {@code oldest}: what is left is (since, oldest]. */
    private static String pending(long since, Long oldest, Long upper, Long newest) {
        Long left = oldest != null ? oldest : upper;
        if (left == null) {
            return null;
        }
        return since + ":" + left + ":" + string(newest);
    }

    private static String string(Long value) {
        return value == null ? "" : value.toString();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
