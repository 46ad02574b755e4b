package dev.earshot.listener.source.bluesky;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.earshot.listener.source.http.SourceHttpClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Bluesky search: {@code app.bsky.feed.searchPosts} ({@code sort=latest}) for each search term of the rules,
 * with an app-password session. Results are newest first, so a poll pages back with {@code cursor} until it
 * reaches the newest post of the previous poll (by URI or {@code indexedAt}) and commits the new newest post
 * ({@code <uri>|<indexedAt>}) on the last page; the first poll of a feed reads one page. Authors' follower
 * counts come from {@code app.bsky.actor.getProfiles}, 25 actors a call, cached for a while.
 */
@ApplicationScoped
public class BlueskySource implements PollingSource {

    public static final String SOURCE = BlueskyPostMapper.SOURCE;
    static final int PROFILES_PER_CALL = 25;

    private final BlueskyConfig config;
    private final SourceHttpClient http;
    private final BlueskySession session;
    private final BlueskyPostMapper mapper;
    private final ObjectMapper json;
    private final Map<String, CachedCount> followers;

    public BlueskySource(BlueskyConfig config, SourceHttpClient http, BlueskySession session, BlueskyPostMapper mapper,
            ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.session = session;
        this.mapper = mapper;
        this.json = json;
        int cacheSize = config.profileCacheSize();
        this.followers = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedCount> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** Forgets the cached follower counts (tests). */
    public void forgetFollowerCounts() {
        followers.clear();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.identifier().filter(s -> !s.isBlank()).isPresent()
                && config.appPassword().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Duration pollInterval() {
        return config.pollInterval();
    }

    /** One search feed per distinct search term (phrases quoted), shared by the rules that have it. */
    @Override
    public List<Feed> feeds(List<Rule> rules) {
        if (!enabled()) {
            return List.of();
        }
        Map<String, List<String>> terms = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (String term : rule.searchTerms()) {
                String clean = term.replace("\"", " ").strip();
                if (!clean.isEmpty()) {
                    terms.computeIfAbsent(clean.contains(" ") ? "\"" + clean + "\"" : clean, t -> new ArrayList<>())
                            .add(rule.id());
                }
            }
        }
        List<Feed> feeds = new ArrayList<>();
        terms.forEach((query, ruleIds) -> feeds.add(new Feed(SOURCE, BlueskyPostMapper.INSTANCE,
                SOURCE + ":" + BlueskyPostMapper.INSTANCE + ":search:" + query, query, ruleIds, Map.of())));
        return feeds;
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        Position stored = Position.parse(storedCursor);
        PageToken token = PageToken.parse(pageToken);
        String what = "bluesky search '" + feed.query() + "'";
        String uri = session.xrpc("app.bsky.feed.searchPosts") + "?q=" + HttpCall.encode(feed.query()) + "&sort=latest&limit="
                + config.limit() + (token == null ? "" : "&cursor=" + HttpCall.encode(token.cursor()));
        Instant fetchedAt = Instant.now();
        return get(uri, what).chain(result -> {
            JsonNode body = parse(what, result.body());
            JsonNode posts = body.path("posts");
            if (!posts.isArray()) {
                return Uni.createFrom().failure(new SourceException.InvalidPage(what + ": no 'posts' array", null));
            }
            List<JsonNode> fresh = new ArrayList<>();
            boolean reachedStored = false;
            for (JsonNode post : posts) {
                String postUri = post.path("uri").asText(null);
                Instant indexedAt = PostChecks.optionalInstant(post, "indexedAt");
                if (stored != null && (stored.uri().equals(postUri)
                        || (indexedAt != null && indexedAt.isBefore(stored.indexedAt())))) {
                    reachedStored = true;
                    break;
                }
                fresh.add(post);
            }
            boolean caughtUp = reachedStored;
            return followerCounts(fresh).map(counts -> {
                List<Mention> mentions = new ArrayList<>();
                List<RejectedPost> rejected = new ArrayList<>();
                Position newest = token != null ? token.newest() : null;
                for (JsonNode post : fresh) {
                    try {
                        Mention mention = mapper.fromPostView(post, counts.get(post.path("author").path("did").asText()),
                                fetchedAt);
                        mentions.add(mention);
                        Instant indexedAt = PostChecks.optionalInstant(post, "indexedAt");
                        Instant at = indexedAt != null ? indexedAt : mention.createdAt();
                        newest = newer(newest, new Position(mention.nativeId(), at), fetchedAt);
                    } catch (MalformedPostException e) {
                        Log.warnf("bluesky: %s: post rejected: %s", what, e.getMessage());
                        rejected.add(new RejectedPost(e.getMessage(), post.toString()));
                        // read once: when it is the newest, the cursor passes it, or every poll would reject it again
                        String postUri = post.path("uri").asText(null);
                        Instant at = PostChecks.optionalInstant(post, "indexedAt");
                        if (postUri != null && at != null) {
                            newest = newer(newest, new Position(postUri, at), fetchedAt);
                        }
                    }
                }
                int pagesRead = token != null ? token.pagesRead() + 1 : 1;
                String next = body.path("cursor").asText(null);
                boolean more = stored != null && !caughtUp && next != null && !next.isBlank() && !posts.isEmpty();
                if (more && pagesRead < config.maxPages()) {
                    return new FetchedPage(mentions, rejected, new PageToken(next, pagesRead, newest).format(), null,
                            rateLimit(result));
                }
                if (more) {
                    Log.warnf("bluesky: %s: more than %d pages since the last poll; older posts are skipped", what,
                            config.maxPages());
                }
                Position cursor = newest != null ? newest : stored;
                return new FetchedPage(mentions, rejected, null, cursor == null ? null : cursor.format(), rateLimit(result));
            });
        });
    }

    /** GET with the session's access token; an expired token is renewed and the call repeated once. */
    private Uni<HttpResult> get(String uri, String what) {
        return session.accessToken().chain(access -> send(uri, access).chain(result -> {
            if (BlueskyErrors.expiredToken(result)) {
                return session.expired(access).chain(renewed -> send(uri, renewed));
            }
            return Uni.createFrom().item(result);
        })).map(result -> {
            if (!result.ok()) {
                throw BlueskyErrors.forResult(what, result, config.defaultBackoff());
            }
            return result;
        });
    }

    private Uni<HttpResult> send(String uri, String access) {
        return http.send(HttpCall.get(uri, config.timeout(), config.maxBodyBytes())
                .withHeader("Authorization", "Bearer " + access).withHeader("Accept", "application/json"));
    }

    /**
     * Follower counts of the posts' authors: cached ones, the rest from {@code getProfiles} in batches of 25.
     * A failed lookup leaves the counts unknown; it never fails the page.
     */
    private Uni<Map<String, Long>> followerCounts(List<JsonNode> posts) {
        Map<String, Long> counts = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Instant now = Instant.now();
        for (JsonNode post : posts) {
            String did = post.path("author").path("did").asText(null);
            if (did == null) {
                continue;
            }
            CachedCount cached = followers.get(did);
            if (cached != null && cached.until().isAfter(now)) {
                counts.put(did, cached.count());
            } else {
                missing.add(did);
            }
        }
        List<List<String>> batches = new ArrayList<>();
        List<String> all = new ArrayList<>(missing);
        for (int i = 0; i < all.size(); i += PROFILES_PER_CALL) {
            batches.add(all.subList(i, Math.min(all.size(), i + PROFILES_PER_CALL)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(this::profiles)
                .collect().asList()
                .map(found -> {
                    Instant until = Instant.now().plus(config.profileCacheTtl());
                    for (Map<String, Long> batch : found) {
                        batch.forEach((did, count) -> {
                            counts.put(did, count);
                            followers.put(did, new CachedCount(count, until));
                        });
                    }
                    return counts;
                });
    }

    private Uni<Map<String, Long>> profiles(List<String> dids) {
        StringBuilder uri = new StringBuilder(session.xrpc("app.bsky.actor.getProfiles")).append('?');
        for (int i = 0; i < dids.size(); i++) {
            uri.append(i == 0 ? "" : "&").append("actors=").append(HttpCall.encode(dids.get(i)));
        }
        return get(uri.toString(), "bluesky getProfiles").map(result -> {
            Map<String, Long> counts = new HashMap<>();
            for (JsonNode profile : parse("bluesky getProfiles", result.body()).path("profiles")) {
                Long count = PostChecks.optionalCount(profile, "followersCount");
                String did = profile.path("did").asText(null);
                if (did != null && count != null) {
                    counts.put(did, count);
                }
            }
            return counts;
        }).onFailure().recoverWithItem(failure -> {
            Log.debugf("bluesky: follower counts unavailable (%s)", failure.getMessage());
            return Map.of();
        });
    }

    /** {@code ratelimit-limit/remaining/reset} (reset in epoch seconds). */
    private static FetchedPage.RateLimit rateLimit(HttpResult result) {
        Long limit = number(result.header("ratelimit-limit"));
        Long remaining = number(result.header("ratelimit-remaining"));
        Long reset = number(result.header("ratelimit-reset"));
        if (limit == null && remaining == null && reset == null) {
            return null;
        }
        return new FetchedPage.RateLimit(limit, remaining, reset == null ? null : Instant.ofEpochSecond(reset));
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
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

    private record CachedCount(Long count, Instant until) {
    }

    /** The newest post a poll has seen: {@code <uri>|<indexedAt>}. */
    /**
     * The newer of the poll's newest post and one just read; a post dated ahead of the clock never: it sorts above
     * the posts still to come, so as the cursor it would stop the next polls before them (by URI) or skip them (as
     * older).
     */
    private static Position newer(Position newest, Position seen, Instant fetchedAt) {
        if (seen.indexedAt().isAfter(fetchedAt)) {
            return newest;
        }
        return newest == null || seen.indexedAt().isAfter(newest.indexedAt()) ? seen : newest;
    }

    record Position(String uri, Instant indexedAt) {

        static Position parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            int bar = text.lastIndexOf('|');
            Instant at = bar < 0 ? null : PostChecks.parseInstant(text.substring(bar + 1));
            if (at == null) {
                Log.warnf("bluesky: unreadable cursor '%s' ignored", PostChecks.abbreviate(text));
                return null;
            }
            return new Position(text.substring(0, bar), at);
        }

        String format() {
            return uri + "|" + indexedAt;
        }
    }

    /** The search cursor of the next page, pages read in this poll, and the newest post seen so far. */
    record PageToken(String cursor, int pagesRead, Position newest) {

        static PageToken parse(String token) {
            if (token == null) {
                return null;
            }
            String[] parts = token.split("\n", 3);
            return new PageToken(parts[0], Integer.parseInt(parts[1]), parts[2].isEmpty() ? null : Position.parse(parts[2]));
        }

        String format() {
            return cursor + "\n" + pagesRead + "\n" + (newest == null ? "" : newest.format());
        }
    }
}
