package dev.earshot.listener.source.mastodon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
import dev.earshot.listener.source.http.LinkHeader;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;
import dev.earshot.web.RetryAfter;
import dev.earshot.listener.rules.RuleTerms;
import dev.earshot.listener.source.http.SourceHttpClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Mastodon: hashtag timelines ({@code /api/v1/timelines/tag/:hashtag} with {@code any[]} for a rule's
 * further hashtags) and optionally the public timeline, on every configured instance. The first poll of a
 * feed reads its newest page; later polls page forward from the stored newest id with {@code min_id},
 * following the {@code Link} header's {@code rel="prev"} (newer) page, so each page can be committed as
 * soon as it is published. A reply's conversation is its thread's root, found once through the public
 * context endpoint and remembered; the lookups of a page share one {@code timeout}, after which a reply's
 * conversation is the post it answers.
 */
@ApplicationScoped
public class MastodonSource implements PollingSource {

    public static final String SOURCE = MastodonStatusMapper.SOURCE;
    /** Mastodon accepts at most this many tags in each of {@code any[]}, {@code all[]}, {@code none[]}. */
    static final int MAX_EXTRA_TAGS = 4;
    static final String AUTH_REQUIRED = "This method requires an authenticated user";

    private final MastodonConfig config;
    private final SourceHttpClient http;
    private final MastodonStatusMapper mapper;
    private final ObjectMapper json;
    private final List<String> instances;
    private final Map<String, String> baseUrls;
    private final Map<String, String> tokens;
    private final Map<String, String> roots;

    public MastodonSource(MastodonConfig config, SourceHttpClient http, MastodonStatusMapper mapper, ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.mapper = mapper;
        this.json = json;
        this.instances = config.instances().orElse(List.of()).stream().map(String::strip)
                .filter(host -> !host.isEmpty()).map(host -> host.toLowerCase(Locale.ROOT)).distinct().toList();
        this.baseUrls = pairs(config.baseUrls().orElse(List.of()));
        this.tokens = pairs(config.accessTokens().orElse(List.of()));
        int cacheSize = Math.max(16, config.rootCacheSize() * Math.max(1, instances.size()));
        this.roots = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** Forgets the remembered thread roots (tests). */
    public void forgetThreadRoots() {
        roots.clear();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return !instances.isEmpty();
    }

    @Override
    public Duration pollInterval() {
        return config.pollInterval();
    }

    /**
     * One hashtag feed per instance and distinct tag set of a rule (at most five tags each: the first as the
     * timeline, the others as {@code any[]}, the rule's top-level excluded hashtags as {@code none[]}), plus
     * the public timeline when it is switched on.
     */
    @Override
    public List<Feed> feeds(List<Rule> rules) {
        Map<String, TagSet> tagSets = new TreeMap<>();
        for (Rule rule : rules) {
            List<String> tags = RuleTerms.hashtags(rule, config.hashtagsFromKeywords());
            List<String> none = RuleTerms.excludedHashtags(rule);
            none = new ArrayList<>(none.subList(0, Math.min(none.size(), MAX_EXTRA_TAGS)));
            Collections.sort(none);
            for (int start = 0; start < tags.size(); start += MAX_EXTRA_TAGS + 1) {
                List<String> chunk = new ArrayList<>(tags.subList(start, Math.min(tags.size(), start + MAX_EXTRA_TAGS + 1)));
                Collections.sort(chunk);
                TagSet set = new TagSet(chunk, none, new ArrayList<>());
                tagSets.computeIfAbsent(set.key(), k -> set).ruleIds().add(rule.id());
            }
        }
        List<String> allRuleIds = rules.stream().map(Rule::id).toList();
        List<Feed> feeds = new ArrayList<>();
        for (String instance : instances) {
            for (TagSet set : tagSets.values()) {
                feeds.add(new Feed(SOURCE, instance, SOURCE + ":" + instance + ":tag:" + set.key(),
                        "#" + String.join(" #", set.tags()), set.ruleIds(),
                        Map.of("kind", "tag", "tag", set.tags().get(0),
                                "any", String.join(",", set.tags().subList(1, set.tags().size())),
                                "none", String.join(",", set.none()))));
            }
            if (config.publicTimeline() && !rules.isEmpty()) {
                feeds.add(new Feed(SOURCE, instance, SOURCE + ":" + instance + ":public", "", allRuleIds,
                        Map.of("kind", "public")));
            }
        }
        return feeds;
    }

    /** The tags of one tag-timeline feed and the rules it was built for. */
    private record TagSet(List<String> tags, List<String> none, List<String> ruleIds) {
        String key() {
            return String.join("+", tags) + (none.isEmpty() ? "" : "-" + String.join("-", none));
        }
    }

    @Override
    public Uni<FetchedPage> fetch(Feed feed, String storedCursor, String pageToken) {
        PageToken token = PageToken.parse(pageToken);
        String minId = token != null ? token.minId() : storedCursor;
        int pagesRead = token != null ? token.pagesRead() : 0;
        String uri = timelineUri(feed, minId);
        String what = "mastodon " + feed.instance() + " " + describe(feed);
        Instant fetchedAt = Instant.now();
        return http.send(authorised(HttpCall.get(uri, config.timeout(), config.maxBodyBytes()), feed.instance()))
                .chain(result -> {
                    if (!result.ok()) {
                        return Uni.createFrom().failure(error(what, result));
                    }
                    JsonNode page = parseArray(what, result.body());
                    if (page.isEmpty() && minId == null && "public".equals(feed.params().get("kind"))
                            && config.emptyPublicTimelineIsRestricted() && !tokens.containsKey(feed.instance())) {
                        return Uni.createFrom().failure(new SourceException.AccessDenied(what
                                + ": the public timeline is empty, the instance restricts it to logged-in users"));
                    }
                    return readPage(feed, page, fetchedAt).map(read -> {
                        String newest = MastodonIds.newer(minId, read.newestId);
                        String next = null;
                        boolean full = page.size() >= config.limit();
                        if (minId != null && full && pagesRead + 1 < config.maxPages() && read.newestId != null) {
                            String prev = LinkHeader.target(result.headers("Link"), "prev");
                            String prevMinId = LinkHeader.queryParam(prev, "min_id");
                            next = new PageToken(MastodonIds.newer(prevMinId, read.newestId), pagesRead + 1).format();
                        }
                        return new FetchedPage(read.mentions, read.rejected, next, newest, rateLimit(result));
                    });
                });
    }

    private String timelineUri(Feed feed, String minId) {
        StringBuilder uri = new StringBuilder(baseUrl(feed.instance()));
        if ("public".equals(feed.params().get("kind"))) {
            uri.append("/api/v1/timelines/public?limit=").append(config.limit());
            if (config.publicTimelineLocalOnly()) {
                uri.append("&local=true");
            }
        } else {
            uri.append("/api/v1/timelines/tag/").append(HttpCall.encode(feed.params().get("tag")))
                    .append("?limit=").append(config.limit());
            for (String mode : List.of("any", "none")) {
                for (String tag : feed.params().getOrDefault(mode, "").split(",")) {
                    if (!tag.isBlank()) {
                        uri.append('&').append(mode).append("[]=").append(HttpCall.encode(tag));
                    }
                }
            }
        }
        if (minId != null) {
            uri.append("&min_id=").append(HttpCall.encode(minId));
        }
        return uri.toString();
    }

    private Uni<Read> readPage(Feed feed, JsonNode page, Instant fetchedAt) {
        Read read = new Read();
        List<JsonNode> readable = new ArrayList<>();
        for (JsonNode entry : page) {
            String timelineId = entry.isObject() ? PostChecks.optionalText(entry, "id") : null;
            if (timelineId == null) {
                read.reject("a timeline entry without an id", entry);
                continue;
            }
            read.newestId = MastodonIds.newer(read.newestId, timelineId);
            readable.add(entry);
        }
        // the thread lookups of a page share one timeout: a slow context endpoint must not hold the page up until
        // the poller gives up on it (then every poll would fail on the same page)
        Instant deadline = Instant.now().plus(config.timeout());
        return Multi.createFrom().iterable(readable)
                .onItem().transformToUni(entry -> rootOf(feed.instance(), entry, deadline)
                        .map(root -> Map.entry(entry, root)))
                .merge(4)
                .collect().asList()
                .map(resolved -> {
                    Map<JsonNode, String> rootByEntry = new HashMap<>();
                    resolved.forEach(e -> rootByEntry.put(e.getKey(), e.getValue().orElse(null)));
                    for (JsonNode entry : readable) {
                        try {
                            read.mentions.add(mapper.toMention(entry, feed.instance(), rootByEntry.get(entry), fetchedAt));
                        } catch (MalformedPostException e) {
                            read.reject(e.getMessage(), entry);
                        }
                    }
                    return read;
                });
    }

    /**
     * The thread root of a reply (from cache or the context endpoint, asked until {@code deadline}, else its parent);
     * empty for a post that is no reply.
     */
    private Uni<java.util.Optional<String>> rootOf(String instance, JsonNode entry, Instant deadline) {
        JsonNode status = MastodonStatusMapper.original(entry);
        String id = PostChecks.optionalText(status, "id");
        String parent = PostChecks.optionalText(status, "in_reply_to_id");
        if (id == null || parent == null) {
            return Uni.createFrom().item(java.util.Optional.empty());
        }
        String cached = roots.get(instance + "/" + parent);
        if (cached != null) {
            return Uni.createFrom().item(java.util.Optional.of(cached));
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().item(java.util.Optional.of(parent));
        }
        String uri = baseUrl(instance) + "/api/v1/statuses/" + HttpCall.encode(id) + "/context";
        return http.send(authorised(HttpCall.get(uri, left, config.maxBodyBytes()), instance))
                .map(result -> {
                    if (!result.ok()) {
                        throw new SourceException.Upstream("context of " + id + ": HTTP " + result.status(),
                                result.status(), null);
                    }
                    JsonNode ancestors = parseObject("context of " + id, result.body()).path("ancestors");
                    String root = ancestors.isArray() && !ancestors.isEmpty()
                            ? PostChecks.optionalText(ancestors.get(0), "id") : null;
                    if (root == null) {
                        root = parent;
                    }
                    for (JsonNode ancestor : ancestors) {
                        String ancestorId = PostChecks.optionalText(ancestor, "id");
                        if (ancestorId != null) {
                            roots.put(instance + "/" + ancestorId, root);
                        }
                    }
                    roots.put(instance + "/" + parent, root);
                    return java.util.Optional.of(root);
                })
                .onFailure().recoverWithItem(failure -> {
                    // the post still counts; its thread is then the post it answers
                    Log.debugf("mastodon %s: thread root of %s not found (%s), using its parent", instance, id,
                            failure.getMessage());
                    return java.util.Optional.of(parent);
                });
    }

    private SourceException error(String what, HttpResult result) {
        int status = result.status();
        if (status == 429) {
            Duration wait = RetryAfter.parse(result.header("Retry-After"), Instant.now());
            if (wait == null) {
                Instant reset = resetAt(result);
                wait = reset != null ? Duration.between(Instant.now(), reset) : config.defaultBackoff();
                if (wait.isNegative()) {
                    wait = Duration.ZERO;
                }
            }
            return new SourceException.RateLimited(what + ": rate limited (429)", wait);
        }
        if (status == 401 || status == 403 || (status >= 400 && status < 500 && result.body().contains(AUTH_REQUIRED))) {
            return new SourceException.AccessDenied(what + ": access denied (" + status + ")"
                    + (result.body().contains(AUTH_REQUIRED) ? ": " + AUTH_REQUIRED : ""));
        }
        return new SourceException.Upstream(what + ": HTTP " + status, status, null);
    }

    private static FetchedPage.RateLimit rateLimit(HttpResult result) {
        Long limit = parseLong(result.header("X-RateLimit-Limit"));
        Long remaining = parseLong(result.header("X-RateLimit-Remaining"));
        Instant reset = resetAt(result);
        return limit == null && remaining == null && reset == null ? null
                : new FetchedPage.RateLimit(limit, remaining, reset);
    }

    private static Instant resetAt(HttpResult result) {
        String reset = result.header("X-RateLimit-Reset");
        return reset == null ? null : PostChecks.parseInstant(reset);
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return (long) Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode parseArray(String what, String body) {
        JsonNode node = parse(what, body);
        if (!node.isArray()) {
            throw new SourceException.InvalidPage(what + ": expected a JSON array of statuses", null);
        }
        return node;
    }

    private JsonNode parseObject(String what, String body) {
        JsonNode node = parse(what, body);
        if (!node.isObject()) {
            throw new SourceException.InvalidPage(what + ": expected a JSON object", null);
        }
        return node;
    }

    private JsonNode parse(String what, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null) {
                throw new SourceException.InvalidPage(what + ": empty body", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SourceException.InvalidPage(what + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private HttpCall authorised(HttpCall call, String instance) {
        String token = tokens.get(instance);
        return call.withHeader("Accept", "application/json")
                .withHeader("Authorization", token == null ? null : "Bearer " + token);
    }

    String baseUrl(String instance) {
        String configured = baseUrls.get(instance);
        String base = configured != null ? configured : "https://" + instance;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String describe(Feed feed) {
        return "public".equals(feed.params().get("kind")) ? "public timeline" : "tag timeline " + feed.query();
    }

    private static Map<String, String> pairs(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                map.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT), entry.substring(eq + 1).strip());
            }
        }
        return map;
    }

    /** What a page yielded. */
    private final class Read {
        final List<Mention> mentions = new ArrayList<>();
        final List<RejectedPost> rejected = new ArrayList<>();
        String newestId;

        void reject(String reason, JsonNode entry) {
            Log.warnf("mastodon: status rejected: %s", reason);
            rejected.add(new RejectedPost(reason, entry.toString()));
        }
    }

    /** Where the next page of this poll starts, and how many pages were read. */
    record PageToken(String minId, int pagesRead) {

        static PageToken parse(String token) {
            if (token == null) {
                return null;
            }
            int bar = token.lastIndexOf('|');
            return new PageToken(token.substring(0, bar), Integer.parseInt(token.substring(bar + 1)));
        }

        String format() {
            return minId + "|" + pagesRead;
        }
    }
}
