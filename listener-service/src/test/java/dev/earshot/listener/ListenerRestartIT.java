package dev.earshot.listener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.earshot.listener.messaging.MentionPublisher;
import dev.earshot.listener.support.AlgoliaSimulator;
import dev.earshot.listener.support.ItSupport;
import dev.earshot.listener.support.ListenerProcess;
import dev.earshot.listener.support.ListenerTestSupport;
import dev.earshot.testing.TestBroker;

/**
 * Stop the listener mid-feed (SIGKILL while a slow page is being fetched, after some pages were
 * published), start it again, and check on the broker that every post arrived exactly once.
 * Runs the packaged jar as a separate process against a simulated Algolia feed, its own Redis db
 * (3, or {@code EARSHOT_TEST_REDIS_DB}) and the module's test vhost.
 */
class ListenerRestartIT {

    private static final int POSTS = 400;
    private static final int HITS_PER_PAGE = 50;
    private static final int SLOW_PAGE = 4;
    private static final String QUEUE = "listener-service-restart-it.mentions";
    private static final String REDIS_DB = System.getenv().getOrDefault("EARSHOT_TEST_REDIS_DB", "3");

    private WireMockServer algolia;
    private TestBroker broker;

    @BeforeEach
    void setUp() throws Exception {
        ItSupport.flushRedis(REDIS_DB);
        algolia = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new AlgoliaSimulator()));
        algolia.start();
        long newest = Instant.now().getEpochSecond() - 120;
        List<AlgoliaSimulator.Hit> hits = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            hits.add(new AlgoliaSimulator.Hit(70_000_000L + i, newest - i * 3L, "acme restart post number " + i));
        }
        AlgoliaSimulator.index(hits);
        algolia.stubFor(get(urlPathEqualTo(ListenerTestSupport.SEARCH_PATH)).atPriority(5)
                .willReturn(aResponse().withTransformers(AlgoliaSimulator.NAME)));
        algolia.stubFor(get(urlPathEqualTo(ListenerTestSupport.SEARCH_PATH)).atPriority(1)
                .withQueryParam("page", equalTo(String.valueOf(SLOW_PAGE)))
                .willReturn(aResponse().withTransformers(AlgoliaSimulator.NAME).withFixedDelay(6_000)));

        broker = new TestBroker(ListenerTestSupport.TEST_VHOST);
        broker.tap(MentionPublisher.EXCHANGE, QUEUE, "hackernews");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (broker != null) {
            broker.deleteQueue(QUEUE);
            broker.close();
        }
        if (algolia != null) {
            algolia.stop();
        }
        ItSupport.flushRedis(REDIS_DB);
    }

    @Test
    void aListenerKilledMidFeedResumesWithoutLosingOrRepeatingAPost() throws Exception {
        Map<String, Integer> received = new HashMap<>();
        try (ListenerProcess first = ListenerProcess.start("restart-first", environment())) {
            first.awaitReady(Duration.ofMinutes(3));
            ItSupport.waitUntil(Duration.ofMinutes(2), () -> !algolia.findAll(getRequestedFor(urlPathEqualTo(
                    ListenerTestSupport.SEARCH_PATH)).withQueryParam("page", equalTo(String.valueOf(SLOW_PAGE)))).isEmpty(),
                    "the slow page is being fetched", first);
            ItSupport.drain(broker, QUEUE, received);
            first.kill();
        }
        int beforeKill = received.size();
        System.out.printf("restart test: killed with SIGKILL after %d of %d posts were published%n", beforeKill, POSTS);
        assertTrue(beforeKill >= SLOW_PAGE * HITS_PER_PAGE - HITS_PER_PAGE && beforeKill < POSTS,
                "killed mid-feed after some publishes: " + beforeKill);

        try (ListenerProcess second = ListenerProcess.start("restart-second", environment())) {
            second.awaitReady(Duration.ofMinutes(3));
            ItSupport.waitUntil(Duration.ofMinutes(2), () -> {
                ItSupport.drain(broker, QUEUE, received);
                return received.size() >= POSTS;
            }, "every post published", second);
            // further polls re-read the overlap: nothing may be published twice
            ItSupport.assertNothingTwiceDuring(Duration.ofSeconds(5), broker, QUEUE, received);
        }
        Set<Long> expected = new TreeSet<>();
        for (int i = 0; i < POSTS; i++) {
            expected.add(70_000_000L + i);
        }
        Set<Long> got = new TreeSet<>();
        received.keySet().forEach(id -> got.add(Long.parseLong(id.substring(id.lastIndexOf(':') + 1))));
        assertEquals(expected, got, "nothing lost");
        received.forEach((id, count) -> assertEquals(1, count, id + " published " + count + " times"));
    }

    private Map<String, String> environment() {
        Map<String, String> env = ListenerProcess.prodEnvironment();
        env.put("EARSHOT_HACKERNEWS_BASE_URL", algolia.baseUrl());
        env.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "1s");
        env.put("EARSHOT_LISTENER_HACKERNEWS_HITS_PER_PAGE", String.valueOf(HITS_PER_PAGE));
        env.put("EARSHOT_LISTENER_RULES_ACME_KEYWORD", "acme");
        env.put("EARSHOT_LISTENER_CLAIM_TIMEOUT", "5s");
        env.put("REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB);
        return env;
    }

}
