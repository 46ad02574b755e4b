package dev.earshot.listener.source.reddit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import dev.earshot.listener.rules.RuleTerms;
import dev.earshot.listener.source.http.SourceHttpClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Reddit through its OAuth API with an application-only token: {@code /search} (newest links) for each
 * rule's search terms, and {@code /r/{sub}/new} and {@code /r/{sub}/comments} for configured subreddits.
 * Listings are newest first, so a poll pages back with {@code after} until it reaches the newest item of
 * the previous poll (by fullname or creation time) and only then commits the new newest item as cursor
 * ({@code <fullname>|<created_utc>}); the first poll of a feed reads one page.
 */
@ApplicationScoped
public class RedditSource implements PollingSource {

    public static final String SOURCE = RedditMapper.SOURCE;

    private final RedditConfig config;
    private final SourceHttpClient http;
    private final RedditTokens tokens;
    private final RedditMapper mapper;
    private final ObjectMapper json;

    public RedditSource(RedditConfig config, SourceHttpClient http, RedditTokens tokens, RedditMapper mapper,
            ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.tokens = tokens;
        this.mapper = mapper;
        this.json = json;
        if (enabled() && config.username().isEmpty()) {
            Log.warn("reddit: earshot.listener.reddit.username is not set; Reddit asks every client to name its"
                    + " account in the User-Agent");
        }
    }

    /** {@code <platform>:<app id>:<version> (by /u/<username>)}, as Reddit's API rules ask. */
    static String userAgent(RedditConfig config) {
        return "server:" + config.appId() + ":" + config.appVersion()
                + config.username().map(user -> " (by /u/" + user + ")").orElse("");
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.clientId().filter(s -> !s.isBlank()).isPresent()
                && config.clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Duration pollInterval() {
        return config.pollInterval();
    }

    @Override
    public List<Feed> feeds(List<Rule> rules) {
        if (!enabled()) {
            return List.of();
        }
        Map<String, Feed> feeds = new LinkedHashMap<>();
        if (config.search()) {
            Map<String, List<String>> queries = new LinkedHashMap<>();
            for (Rule rule : rules) {
                String query = RuleTerms.orQuery(rule.searchTerms());
                if (!query.isEmpty() && query.length() <= 512) {
                    queries.computeIfAbsent(query, q -> new ArrayList<>()).add(rule.id());
                } else if (!query.isEmpty()) {
                    Log.warnf("reddit: rule %s: its search terms exceed Reddit's 512 characters; not searched", rule.id());
                }
            }
            queries.forEach((query, ruleIds) -> {
                String key = SOURCE + ":" + RedditMapper.INSTANCE + ":search:" + query;
                feeds.put(key, new Feed(SOURCE, RedditMapper.INSTANCE, key, query, ruleIds, Map.of("path", "/search")));
            });
        }
        List<String> allRuleIds = rules.stream().map(Rule::id).toList();
        if (!rules.isEmpty()) {
            for (String sub : config.subreddits().orElse(List.of())) {
                String name = sub.strip().replaceFirst("^/?r/", "").toLowerCase(Locale.ROOT);
                if (!name.matches("[a-z0-9_]{2,21}")) {
                    Log.warnf("reddit: '%s' is no subreddit name; skipped", sub);
                    continue;
                }
                for (String listing : config.comments() ? List.of("new", "comments") : List.of("new")) {
                    String key = SOURCE + ":" + RedditMapper.INSTANCE + ":r/" + name + "/" + listing;
                    feeds.put(key, new Feed(SOURCE, RedditMapper.INSTANCE, key, "r/" + name, allRuleIds,
                            Map.of("path", "/r/" + name + "/" + listing)));
                }
            }
        }
        return List.copyOf(feeds.values());
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        Position stored = Position.parse(storedCursor);
        PageToken token = PageToken.parse(pageToken);
        String what = "reddit " + feed.params().get("path") + ("/search".equals(feed.params().get("path"))
                ? " '" + feed.query() + "'" : "");
        StringBuilder uri = new StringBuilder(RedditTokens.trim(config.apiUrl())).append(feed.params().get("path"))
                .append("?limit=").append(config.limit()).append("&raw_json=1");
        if ("/search".equals(feed.params().get("path"))) {
            uri.append("&sort=new&type=link&q=").append(URLEncoder.encode(feed.query(), StandardCharsets.UTF_8));
        }
        if (token != null) {
            uri.append("&after=").append(URLEncoder.encode(token.after(), StandardCharsets.UTF_8));
        }
        Instant fetchedAt = Instant.now();
        return get(uri.toString(), what, true).map(result -> {
            JsonNode listing = parse(what, result.body());
            JsonNode children = listing.path("data").path("children");
            if (!"Listing".equals(listing.path("kind").asText()) || !children.isArray()) {
                throw new SourceException.InvalidPage(what + ": expected a Listing with data.children", null);
            }
            List<Mention> mentions = new ArrayList<>();
            List<RejectedPost> rejected = new ArrayList<>();
            Position newest = token != null ? token.newest() : null;
            boolean reachedStored = false;
            for (JsonNode child : children) {
                JsonNode data = child.path("data");
                String name = data.path("name").asText(null);
                Double created = data.path("created_utc").isNumber() ? data.path("created_utc").asDouble() : null;
                if (stored != null && (stored.name().equals(name) || (created != null && created < stored.createdUtc()))) {
                    reachedStored = true;
                    break;
                }
                try {
                    Mention mention = mapper.toMention(child, fetchedAt);
                    mentions.add(mention);
                    newest = newer(newest, new Position(mention.nativeId(), RedditMapper.createdUtc(data)), fetchedAt);
                } catch (MalformedPostException e) {
                    Log.warnf("reddit: %s: item rejected: %s", what, e.getMessage());
                    rejected.add(new RejectedPost(e.getMessage(), child.toString()));
                    // read once: when it is the newest, the cursor passes it, or every poll would reject it again
                    if (name != null && created != null) {
                        newest = newer(newest, new Position(name, created), fetchedAt);
                    }
                }
            }
            int pagesRead = token != null ? token.pagesRead() + 1 : 1;
            String after = listing.path("data").path("after").asText(null);
            boolean more = stored != null && !reachedStored && after != null && !after.isBlank();
            if (more && pagesRead < config.maxPages()) {
                return new FetchedPage(mentions, rejected, new PageToken(after, pagesRead, newest).format(), null,
                        rateLimit(result));
            }
            if (more) {
                Log.warnf("reddit: %s: more than %d pages since the last poll; older items are skipped", what,
                        config.maxPages());
            }
            Position cursor = newest != null ? newest : stored;
            return new FetchedPage(mentions, rejected, null, cursor == null ? null : cursor.format(), rateLimit(result));
        });
    }

    /**
     * The newer of the poll's newest item and one just read; an item dated ahead of the clock never: as the cursor
     * it would stop every later poll before the items posted meanwhile (they are older).
     */
    private static Position newer(Position newest, Position seen, Instant fetchedAt) {
        if (seen.createdUtc() * 1000 > fetchedAt.toEpochMilli()) {
            return newest;
        }
        return newest == null || seen.createdUtc() > newest.createdUtc() ? seen : newest;
    }

    /** GET with the app token; on 401 the token is renewed and the request repeated once. */
    private Uni<HttpResult> get(String uri, String what, boolean mayRenew) {
        return tokens.accessToken().chain(token -> http.send(HttpCall.get(uri, config.timeout(), config.maxBodyBytes())
                .withHeader("Authorization", "Bearer " + token)
                .withHeader("User-Agent", userAgent(config))
                .withHeader("Accept", "application/json"))
                .chain(result -> {
                    if (result.status() == 401 && mayRenew) {
                        tokens.invalidate(token);
                        return get(uri, what, false);
                    }
                    if (!result.ok()) {
                        return Uni.createFrom().failure(error(what, result));
                    }
                    return Uni.createFrom().item(result);
                }));
    }

    private SourceException error(String what, HttpResult result) {
        int status = result.status();
        if (status == 429) {
            Duration wait = RetryAfter.parse(result.header("Retry-After"), Instant.now());
            if (wait == null) {
                Long reset = number(result.header("X-Ratelimit-Reset"));
                wait = reset != null ? Duration.ofSeconds(reset) : config.defaultBackoff();
            }
            return new SourceException.RateLimited(what + ": rate limited (429)", wait);
        }
        if (status == 401 || status == 403) {
            return new SourceException.AccessDenied(what + ": access denied (" + status + ")");
        }
        return new SourceException.Upstream(what + ": HTTP " + status, status, null);
    }

    /** {@code X-Ratelimit-Used/Remaining/Reset}: Remaining may be fractional, Reset is seconds until the window ends. */
    private static FetchedPage.RateLimit rateLimit(HttpResult result) {
        Long used = number(result.header("X-Ratelimit-Used"));
        Long remaining = number(result.header("X-Ratelimit-Remaining"));
        Long reset = number(result.header("X-Ratelimit-Reset"));
        if (used == null && remaining == null && reset == null) {
            return null;
        }
        return new FetchedPage.RateLimit(used != null && remaining != null ? used + remaining : null, remaining,
                reset == null ? null : Instant.now().plusSeconds(reset));
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return (long) Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode parse(String what, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SourceException.InvalidPage(what + ": expected a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SourceException.InvalidPage(what + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The newest item a poll has seen: {@code <fullname>|<created_utc>}. */
    record Position(String name, double createdUtc) {

        static Position parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int bar = text.lastIndexOf('|');
            try {
                return new Position(text.substring(0, bar), Double.parseDouble(text.substring(bar + 1)));
            } catch (RuntimeException e) {
                Log.warnf("reddit: unreadable cursor '%s' ignored", PostChecks.abbreviate(text));
                return null;
            }
        }

        String format() {
            return name + "|" + BigDecimalText.of(createdUtc);
        }
    }

    /** Where the next page starts, how many pages this poll read, and the newest item seen so far. */
    record PageToken(String after, int pagesRead, Position newest) {

        static PageToken parse(String token) {
            if (token == null) {
                return null;
            }
            String[] parts = token.split("\\|", 3);
            return new PageToken(parts[0], Integer.parseInt(parts[1]), parts[2].isEmpty() ? null : Position.parse(parts[2]));
        }

        String format() {
            return after + "|" + pagesRead + "|" + (newest == null ? "" : newest.format());
        }
    }

    /** Epoch seconds without a trailing {@code .0} or an exponent. */
    static final class BigDecimalText {
        private BigDecimalText() {
        }

        static String of(double value) {
            return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
    }
}
