package dev.earshot.listener.lease;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.earshot.listener.source.Feed;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * Feed leases between several replicas in the real Redis (the test db, keys under a prefix of their own),
 * with short TTLs; rounds are run by the test instead of the scheduler.
 */
class FeedLeasesTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Duration ROUND_EVERY = Duration.ofMillis(250);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String DB = System.getenv().getOrDefault("EARSHOT_TEST_REDIS_DB", "1");

    private Vertx vertx;
    private Redis client;
    private ReactiveRedisDataSource redis;
    private String prefix;
    private final List<FeedLeases> replicas = new ArrayList<>();

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, "redis://127.0.0.1:6379/" + DB);
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        prefix = "earshot:test-leases:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void cleanUp() {
        replicas.forEach(FeedLeases::stop);
        List<String> keys = redis.key().keys(prefix + "*").await().indefinitely();
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new)).await().indefinitely();
        }
        client.close();
        vertx.closeAndAwait();
    }

    @Test
    void aLoneReplicaTakesEveryWantedFeedAndRenewsItsLeases() {
        FeedLeases a = replica("a");
        a.want("poller", feeds(3));
        round(a);
        assertEquals(Set.of("f0", "f1", "f2"), a.held());
        assertEquals("a", get(prefix + "lease:feed:f0"));
        assertEquals(1, a.liveReplicas());

        // half the TTL passes without a renewal
        await().atMost(TTL).pollInterval(POLL).until(() -> pttl(prefix + "lease:feed:f1") <= TTL.toMillis() / 2);
        long before = pttl(prefix + "lease:feed:f1");
        round(a);
        long after = pttl(prefix + "lease:feed:f1");
        assertTrue(before <= TTL.toMillis() / 2 + 50 && after > TTL.toMillis() - 200,
                "renewed: " + before + " ms left before, " + after + " after");

        // a lease not renewed within its TTL is not trusted any more, and not before
        await().atLeast(TTL.minusMillis(300)).atMost(TTL.multipliedBy(2)).pollInterval(POLL)
                .until(() -> !a.holds("f0"));
        round(a);
        assertEquals(Set.of("f0", "f1", "f2"), a.held(), "free again, so taken again");
    }

    @Test
    void renewingAndReleasingNeverTouchAnotherReplicasLease() {
        FeedLeases a = replica("a");
        a.want("poller", feeds(2));
        round(a);
        // the lease of f0 expired and replica b took it (simulated: its value changes hands)
        redis.value(String.class).set(prefix + "lease:feed:f0", "b").await().indefinitely();
        round(a);
        assertFalse(a.holds("f0"), "a renewal that finds another owner gives the lease up");
        assertEquals("b", get(prefix + "lease:feed:f0"));
        assertTrue(pttl(prefix + "lease:feed:f0") < 0, "b's lease was not extended by a (no TTL set by the test)");

        redis.value(String.class).set(prefix + "lease:feed:f1", "c").await().indefinitely();
        a.stop();
        assertEquals("b", get(prefix + "lease:feed:f0"), "a's shutdown left b's lease alone");
        assertEquals("c", get(prefix + "lease:feed:f1"), "and c's");
        assertEquals(List.of(), redis.sortedSet(String.class).zrange(prefix + "replicas", 0, -1).await().indefinitely(),
                "a left the replica set");
    }

    @Test
    void replicasSplitTheFeedsFairlyAndANewReplicaGetsItsShare() {
        FeedLeases a = replica("a");
        FeedLeases b = replica("b");
        FeedLeases c = replica("c");
        List<Feed> seven = feeds(7);
        a.want("poller", seven);
        round(a);
        assertEquals(7, a.held().size(), "alone, a reads everything");

        b.want("poller", seven);
        round(b); // b is live now, but everything is taken
        round(a); // a sees two replicas, one of them with nothing: keeps floor(7/2) = 3, releases 4
        assertEquals(3, a.held().size());
        round(b); // b takes 3 (everyone has 3 now, so the share is 4 again) ...
        round(b); // ... and the last one
        assertEquals(4, b.held().size());
        round(a);
        assertEquals(3, a.held().size(), "a stays at 3: nothing is free");
        assertDisjointAndComplete(seven, a, b);

        c.want("poller", seven);
        for (int i = 0; i < 3; i++) {
            round(c);
            round(a);
            round(b);
        }
        round(c);
        assertEquals(3, a.liveReplicas());
        for (FeedLeases replica : List.of(a, b, c)) {
            assertTrue(replica.held().size() >= 2 && replica.held().size() <= 3,
                    replica.replicaId() + " holds " + replica.held());
        }
        assertDisjointAndComplete(seven, a, b, c);
    }

    @Test
    void whenAReplicaStopsOrCrashesTheOthersTakeOverItsFeeds() {
        FeedLeases a = replica("a");
        FeedLeases b = replica("b");
        FeedLeases c = replica("c");
        List<Feed> six = feeds(6);
        for (FeedLeases replica : List.of(a, b, c)) {
            replica.want("poller", six);
        }
        for (int i = 0; i < 3; i++) {
            round(a);
            round(b);
            round(c);
        }
        assertDisjointAndComplete(six, a, b, c);
        assertEquals(2, c.held().size());

        // a graceful stop releases at once: the next round of the others takes the feeds
        Set<String> ofC = c.held();
        c.stop();
        round(a);
        round(b);
        assertEquals(3, a.held().size());
        assertEquals(3, b.held().size());
        assertDisjointAndComplete(six, a, b);
        for (String key : ofC) {
            String owner = get(prefix + "lease:feed:" + key);
            assertTrue("a".equals(owner) || "b".equals(owner), key + " is held by " + owner);
        }

        // b crashes: no release, its heartbeat and leases lapse; a keeps running its rounds
        long crashedAt = System.nanoTime();
        await().atMost(TTL.plus(ROUND_EVERY).multipliedBy(2)).pollDelay(Duration.ZERO).pollInterval(ROUND_EVERY)
                .until(() -> {
            round(a);
            return a.held().size() == 6;
        });
        long tookOverAfter = (System.nanoTime() - crashedAt) / 1_000_000;
        System.out.printf("feed leases: a crashed replica's feeds taken over after %d ms (TTL %d ms, round every %d ms)%n",
                tookOverAfter, TTL.toMillis(), ROUND_EVERY.toMillis());
        assertTrue(tookOverAfter >= TTL.toMillis() - 300 && tookOverAfter <= TTL.plus(ROUND_EVERY).toMillis() + 100,
                "taken over when b's leases lapsed, within TTL + one round: " + tookOverAfter + " ms");
        assertEquals(1, a.liveReplicas());
        b.stop(); // the "crashed" replica's own shutdown must not free what a holds now
        assertEquals(6, a.held().size());
        for (Feed feed : six) {
            assertEquals("a", get(prefix + "lease:feed:" + feed.key()));
        }
    }

    @Test
    void aPollAsksForTheLeaseAndLearnsWhoHoldsIt() {
        FeedLeases a = replica("a");
        FeedLeases b = replica("b");
        a.want("poller", feeds(1));
        round(a);
        FeedLeases.Ownership elsewhere = b.startPolling("f0").await().indefinitely();
        assertFalse(elsewhere.mine());
        assertEquals("a", elsewhere.owner());

        FeedLeases.Ownership free = b.startPolling("manual-only").await().indefinitely();
        assertTrue(free.mine(), "a feed nobody holds is taken for the poll");
        round(b);
        assertEquals("b", get(prefix + "lease:feed:manual-only"), "kept while the poll runs although no component wants it");
        assertFalse(b.holds("manual-only"), "but not polled again");
        b.donePolling("manual-only");
        await().atMost(Duration.ofSeconds(2)).until(() -> get(prefix + "lease:feed:manual-only") == null);
        round(b);
        assertFalse(b.holds("manual-only"));
    }

    @Test
    void aSurplusFeedBeingPolledIsHandedOverWhenItsPollEnds() {
        // polls as frequent as rounds: a round rarely finds every surplus feed idle, so waiting for one would
        // keep the newcomer waiting
        FeedLeases a = replica("a");
        FeedLeases b = replica("b");
        List<Feed> seven = feeds(7);
        a.want("poller", seven);
        round(a);
        for (Feed feed : seven) {
            assertTrue(a.startPolling(feed.key()).await().indefinitely().mine());
        }
        b.want("poller", seven);
        round(b);
        round(a); // two replicas, b with nothing: a keeps 3 and hands 4 over, all of them mid-poll
        assertEquals(3, a.held().size(), "a polls only its share from now on");
        round(b);
        assertEquals(0, b.held().size(), "nothing is free while a's polls run");
        for (Feed feed : seven) {
            if (!a.holds(feed.key())) {
                assertEquals("a", get(prefix + "lease:feed:" + feed.key()), "the running poll keeps its lease");
            }
            a.donePolling(feed.key());
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            round(b);
            return b.held().size() == 4;
        });
        round(a);
        assertEquals(3, a.held().size());
        assertDisjointAndComplete(seven, a, b);
    }

    private FeedLeases replica(String id) {
        FeedLeases replica = new FeedLeases(redis, TTL, id, prefix);
        replicas.add(replica);
        return replica;
    }

    private static void round(FeedLeases replica) {
        replica.runRound().join();
        assertNull(replica.lastError(), "round of " + replica.replicaId());
    }

    private static List<Feed> feeds(int count) {
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            feeds.add(new Feed("rss", "feeds.example", "f" + i, "", List.of(), Map.of()));
        }
        return feeds;
    }

    private static void assertDisjointAndComplete(List<Feed> feeds, FeedLeases... replicas) {
        Set<String> seen = new HashSet<>();
        for (FeedLeases replica : replicas) {
            for (String key : replica.held()) {
                assertTrue(seen.add(key), key + " is held twice");
            }
        }
        Set<String> all = new TreeSet<>();
        feeds.forEach(feed -> all.add(feed.key()));
        assertEquals(all, new TreeSet<>(seen));
    }

    private String get(String key) {
        return redis.value(String.class).get(key).await().indefinitely();
    }

    private long pttl(String key) {
        return redis.key().pttl(key).await().indefinitely();
    }
}
