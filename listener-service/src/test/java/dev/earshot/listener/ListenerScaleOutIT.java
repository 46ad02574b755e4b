package dev.earshot.listener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.listener.support.AlgoliaSimulator;
import dev.earshot.listener.support.ItSupport;
import dev.earshot.listener.support.ListenerProcess;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;

/**
 * Two packaged listeners share seven feeds (three Hacker News searches, the #acme timeline on two Mastodon
 * instances, two RSS/Atom feeds) through the Redis leases: each reads a disjoint, non-empty part; when one
 * stops (SIGTERM) or crashes (SIGKILL) the other takes over all feeds within lease TTL plus one renewal;
 * every post reaches the broker exactly once.
 *
 * <p>Each listener reads Hacker News and Mastodon from a WireMock server of its own (same feeds: a feed's key
 * does not depend on the base URL), so the request journals tell which replica polled which feed. The RSS
 * feeds' keys contain their host, so both read them from one shared server; for them the lease owners are
 * checked. Redis db 4 (or {@code EARSHOT_TEST_REDIS_DB}), the module's test vhost.
 */
class ListenerScaleOutIT {

    private static final String REDIS_DB = System.getenv().getOrDefault("EARSHOT_TEST_REDIS_DB", "4");
    private static final String QUEUE = "listener-service-scale-out-it.mentions";
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** Reading the health endpoint and the round's own Redis calls, on top of TTL + renew interval. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final List<String> HN_WORDS = List.of("acme", "globex", "quarkus");
    private static final List<String> MASTODON_INSTANCES = List.of("one.example", "two.example");
    private static final List<String> MASTODON_STATUSES = List.of("113571200000000001", "113571234567890123",
            "113571234567890124");
    private static final int HITS_PER_WORD = 30;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ListenerProcess> running = new ArrayList<>();
    private final Map<String, Integer> received = new HashMap<>();
    private final Set<Long> hnIds = new TreeSet<>();
    private final List<AlgoliaSimulator.Hit> hits = new ArrayList<>();
    private final Map<ListenerProcess, String> replicaOf = new HashMap<>();
    private WireMockServer shared;
    private Map<String, WireMockServer> platformsOf;
    private TestBroker broker;

    @BeforeEach
    void setUp() throws Exception {
        ItSupport.flushRedis(REDIS_DB);
        long newest = Instant.now().getEpochSecond() - 120;
        for (int w = 0; w < HN_WORDS.size(); w++) {
            for (int i = 0; i < HITS_PER_WORD; i++) {
                long id = 80_000_000L + w * 1000L + i;
                hits.add(new AlgoliaSimulator.Hit(id, newest - i * 7L, HN_WORDS.get(w) + " scale-out post " + i));
                hnIds.add(id);
            }
        }
        AlgoliaSimulator.index(hits);
        shared = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        shared.start();
        shared.stubFor(get(urlPathEqualTo("/rss/blog/atom.xml")).willReturn(xml("rss/acme-blog-atom.xml")));
        shared.stubFor(get(urlPathEqualTo("/rss/news/rss.xml")).willReturn(xml("rss/acme-news-rss.xml")));
        platformsOf = new HashMap<>();

        broker = new TestBroker(ListenerTestSupport.TEST_VHOST);
        broker.tap(MentionPublisher.EXCHANGE, QUEUE);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ListenerProcess process : running) {
            process.close();
        }
        if (broker != null) {
            broker.deleteQueue(QUEUE);
            broker.close();
        }
        platformsOf.values().forEach(WireMockServer::stop);
        if (shared != null) {
            shared.stop();
        }
        ItSupport.flushRedis(REDIS_DB);
    }

    @Test
    void twoListenersSplitTheFeedsAndOneTakesOverWhenTheOtherStopsOrCrashes() throws Exception {
        ListenerProcess a = start("replica-a");
        ListenerProcess b = start("replica-b");
        a.awaitReady(Duration.ofMinutes(3));
        b.awaitReady(Duration.ofMinutes(3));

        Set<String> allFeeds = scheduledFeeds(a);
        assertEquals(7, allFeeds.size(), "seven feeds: " + allFeeds);
        Map<ListenerProcess, Set<String>> split = awaitSplit(allFeeds, a, b);
        System.out.printf("scale-out: replica-a reads %s%nscale-out: replica-b reads %s%n", split.get(a), split.get(b));
        assertPollsFollowTheLeases(split, a);
        assertPollsFollowTheLeases(split, b);

        // graceful stop: b releases its leases, a takes them at its next round
        Instant stopAt = Instant.now();
        b.close();
        running.remove(b);
        awaitTakeover(a, allFeeds, stopAt, "replica-b stopped (SIGTERM)");

        // a new replica joins and gets its share; then a crashes and the newcomer takes everything
        ListenerProcess c = start("replica-c");
        c.awaitReady(Duration.ofMinutes(3));
        split = awaitSplit(allFeeds, a, c);
        System.out.printf("scale-out: replica-c joined and reads %s%n", split.get(c));
        Instant killedAt = Instant.now();
        a.kill();
        running.remove(a);
        awaitTakeover(c, allFeeds, killedAt, "replica-a was killed (SIGKILL)");

        // posts that appear after the takeover are read by the survivor
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < 10; i++) {
            long id = 80_900_000L + i;
            hits.add(new AlgoliaSimulator.Hit(id, now - i, "acme after the takeover " + i));
            hnIds.add(id);
        }
        AlgoliaSimulator.index(hits);

        Set<String> expected = new TreeSet<>();
        hnIds.forEach(id -> expected.add("hackernews:news.ycombinator.com:" + id));
        MASTODON_INSTANCES.forEach(instance -> MASTODON_STATUSES.forEach(id -> expected.add("mastodon:" + instance + ":" + id)));
        ItSupport.waitUntil(Duration.ofMinutes(1), () -> {
            ItSupport.drain(broker, QUEUE, received);
            return received.keySet().containsAll(expected);
        }, "every Hacker News and Mastodon post published", c);
        // further polls re-read overlaps: nothing may come twice
        ItSupport.assertNothingTwiceDuring(RENEW_EVERY, broker, QUEUE, received);
        long rss = received.keySet().stream().filter(id -> id.startsWith("rss:")).count();
        System.out.printf("scale-out: %d posts published (%d Hacker News, %d Mastodon, %d RSS/Atom), each once%n",
                received.size(), hnIds.size(), MASTODON_INSTANCES.size() * MASTODON_STATUSES.size(), rss);
        assertEquals(5, rss, "the readable RSS/Atom entries (of 7, 2 malformed on purpose) were published");
        Set<String> others = new TreeSet<>(received.keySet());
        others.removeAll(expected);
        others.removeIf(id -> id.startsWith("rss:"));
        assertEquals(Set.of(), others, "nothing else was published");
        received.forEach((id, count) -> assertEquals(1, count, id + " published " + count + " times"));
    }

    private ListenerProcess start(String replica) {
        WireMockServer platforms = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .extensions(new AlgoliaSimulator()));
        platforms.start();
        platforms.stubFor(get(urlPathEqualTo(ListenerTestSupport.SEARCH_PATH))
                .willReturn(aResponse().withTransformers(AlgoliaSimulator.NAME)));
        for (String instance : MASTODON_INSTANCES) {
            String prefix = "/" + instance;
            platforms.stubFor(get(urlPathEqualTo(prefix + "/api/v1/timelines/tag/acme")).atPriority(5)
                    .willReturn(ListenerTestSupport.json(ListenerTestSupport.resource("mastodon/tag-acme-newest.json"))));
            platforms.stubFor(get(urlPathEqualTo(prefix + "/api/v1/timelines/tag/acme")).atPriority(1)
                    .withQueryParam("min_id", matching(".+")).willReturn(ListenerTestSupport.json("[]")));
            platforms.stubFor(get(urlPathMatching(prefix + "/api/v1/statuses/.*/context")).atPriority(5)
                    .willReturn(ListenerTestSupport.json("{\"ancestors\": [], \"descendants\": []}")));
            platforms.stubFor(get(urlPathEqualTo(prefix + "/api/v1/statuses/113571234567890124/context")).atPriority(1)
                    .willReturn(ListenerTestSupport.json(
                            ListenerTestSupport.resource("mastodon/context-113571234567890124.json"))));
        }
        Map<String, String> env = ListenerProcess.prodEnvironment();
        env.put("EARSHOT_LISTENER_REPLICA_ID", replica);
        env.put("EARSHOT_LISTENER_LEASES_TTL", TTL.toSeconds() + "s");
        env.put("EARSHOT_LISTENER_LEASES_RENEW_EVERY", RENEW_EVERY.toSeconds() + "s");
        env.put("EARSHOT_LISTENER_RULES_ACME_KEYWORD", "acme");
        env.put("EARSHOT_LISTENER_RULES_GLOBEX_KEYWORD", "globex");
        env.put("EARSHOT_LISTENER_RULES_GLOBEX_SOURCES", "hackernews");
        env.put("EARSHOT_LISTENER_RULES_QUARKUS_SOURCES", "hackernews"); // the configured rule, on Hacker News only
        env.put("EARSHOT_HACKERNEWS_BASE_URL", platforms.baseUrl());
        env.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "1s");
        env.put("EARSHOT_MASTODON_INSTANCES", String.join(",", MASTODON_INSTANCES));
        List<String> baseUrls = new ArrayList<>();
        MASTODON_INSTANCES.forEach(instance -> baseUrls.add(instance + "=" + platforms.baseUrl() + "/" + instance));
        env.put("EARSHOT_MASTODON_BASE_URLS", String.join(",", baseUrls));
        env.put("EARSHOT_MASTODON_POLL_INTERVAL", "1s");
        env.put("EARSHOT_RSS_FEEDS", shared.baseUrl() + "/rss/blog/atom.xml," + shared.baseUrl() + "/rss/news/rss.xml");
        env.put("EARSHOT_RSS_POLL_INTERVAL", "1s");
        env.put("EARSHOT_RSS_INITIAL_LOOKBACK", "36500d"); // the payloads carry fixed dates
        env.put("EARSHOT_LISTENER_CLAIM_TIMEOUT", "5s");
        env.put("REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB);
        ListenerProcess process = ListenerProcess.start("scale-out-" + replica, env);
        running.add(process);
        platformsOf.put(replica, platforms);
        replicaOf.put(process, replica);
        return process;
    }

    /** The feed keys the sources endpoint lists (every scheduled feed, with its owner). */
    private Set<String> scheduledFeeds(ListenerProcess process) throws Exception {
        Set<String> feeds = new TreeSet<>();
        ItSupport.waitUntil(Duration.ofSeconds(30), () -> {
            feeds.clear();
            feeds.addAll(owners(process).keySet());
            return feeds.size() >= 7;
        }, "the sources endpoint lists the scheduled feeds", process);
        return feeds;
    }

    /** The feeds a replica holds, from its readiness check {@code feed-leases}. */
    private Set<String> held(ListenerProcess process) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + process.port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        JsonNode health = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode check : health.path("checks")) {
            if ("feed-leases".equals(check.path("name").asText())) {
                String list = check.path("data").path("heldFeeds").asText("");
                return list.isEmpty() ? Set.of() : new TreeSet<>(List.of(list.split(",")));
            }
        }
        throw new AssertionError("no feed-leases check in " + health);
    }

    /** Waits until the replicas hold disjoint, non-empty shares (3 or 4 of 7 each) that cover every feed. */
    private Map<ListenerProcess, Set<String>> awaitSplit(Set<String> allFeeds, ListenerProcess first,
            ListenerProcess second) throws Exception {
        Map<ListenerProcess, Set<String>> split = new HashMap<>();
        ItSupport.waitUntil(Duration.ofSeconds(60), () -> {
            Set<String> one = held(first);
            Set<String> two = held(second);
            Set<String> union = new TreeSet<>(one);
            union.addAll(two);
            Set<String> common = new HashSet<>(one);
            common.retainAll(two);
            split.put(first, one);
            split.put(second, two);
            return common.isEmpty() && union.equals(allFeeds) && one.size() >= 3 && two.size() >= 3;
        }, "the feeds are split between the two replicas", second);
        // the owners the sources endpoint shows are the same
        Map<String, String> owners = owners(first);
        split.forEach((process, feeds) -> feeds.forEach(feed -> assertEquals(replicaOf.get(process), owners.get(feed),
                "owner of " + feed)));
        return split;
    }

    private Map<String, String> owners(ListenerProcess process) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + process.port + "/api/v1/sources"))
                .header("Authorization", "Bearer " + DevJwt.token("agent")).build();
        Map<String, String> owners = new HashMap<>();
        json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("items").forEach(status -> status
                .path("feeds").forEach(feed -> owners.put(feed.get("feed").asText(), feed.path("owner").asText(null))));
        return owners;
    }

    /**
     * Once every Hacker News and Mastodon feed has been requested from the server of the replica that holds it
     * (and the RSS feeds from the shared one), none was requested from another replica's server.
     */
    private void assertPollsFollowTheLeases(Map<ListenerProcess, Set<String>> split, ListenerProcess any) {
        platformsOf.values().forEach(WireMockServer::resetRequests);
        shared.resetRequests();
        Map<String, String> holder = new HashMap<>();
        split.forEach((process, feeds) -> feeds.forEach(feed -> holder.put(feed, replicaOf.get(process))));
        holder.keySet().removeIf(feed -> requestsOf(feed) == null); // RSS: one shared server
        ItSupport.waitUntil(Duration.ofSeconds(15), () -> holder.entrySet().stream().allMatch(
                feed -> requestCount(platformsOf.get(feed.getValue()), feed.getKey()) > 0)
                && shared.countRequestsMatching(getRequestedFor(urlPathMatching("/rss/.*")).build()).getCount() > 0,
                "every feed polled by its holder and the RSS feeds polled", any);
        for (String feed : holder.keySet()) {
            for (Map.Entry<String, WireMockServer> server : platformsOf.entrySet()) {
                if (!server.getKey().equals(holder.get(feed))) {
                    assertEquals(0, requestCount(server.getValue(), feed),
                            feed + " is not polled by " + server.getKey() + ", which does not hold it");
                }
            }
        }
    }

    private static int requestCount(WireMockServer server, String feed) {
        return server.countRequestsMatching(requestsOf(feed).build()).getCount();
    }

    private static RequestPatternBuilder requestsOf(String feed) {
        if (feed.startsWith("hackernews:")) {
            return getRequestedFor(urlPathEqualTo(ListenerTestSupport.SEARCH_PATH))
                    .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                            feed.substring("hackernews:".length())));
        }
        if (feed.startsWith("mastodon:")) {
            String instance = feed.split(":")[1];
            return getRequestedFor(urlPathEqualTo("/" + instance + "/api/v1/timelines/tag/acme"));
        }
        return null;
    }

    /**
     * Waits until the survivor holds every feed, asserts that it took them within lease TTL + renew interval of
     * {@code since} (when the other replica went), prints how long it took, and checks that it now polls them all.
     */
    private void awaitTakeover(ListenerProcess survivor, Set<String> allFeeds, Instant since, String whatHappened)
            throws Exception {
        Duration within = TTL.plus(RENEW_EVERY).plus(SLACK);
        ItSupport.waitUntil(within.plusSeconds(10), () -> held(survivor).equals(allFeeds), "the survivor holds every feed",
                survivor);
        Duration took = Duration.between(since, Instant.now());
        assertTrue(took.compareTo(within) <= 0, "taken over within " + within + ": " + took);
        System.out.printf("scale-out: after %s, %s held all %d feeds in %d ms (lease TTL %s, renewal every %s)%n",
                whatHappened, replicaOf.get(survivor), allFeeds.size(), took.toMillis(), TTL, RENEW_EVERY);
        assertPollsFollowTheLeases(Map.of(survivor, allFeeds), survivor);
    }

    private static ResponseDefinitionBuilder xml(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml; charset=UTF-8")
                .withBody(ListenerTestSupport.resource(resource));
    }
}
