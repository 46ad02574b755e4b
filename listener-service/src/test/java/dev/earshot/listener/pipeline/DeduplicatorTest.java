package dev.earshot.listener.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Dedup against the real Redis (db 1). */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class DeduplicatorTest extends ListenerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Deduplicator deduplicator;

    @Test
    void claimsOnlyUnseenIdsInOneBatchWithATtl() {
        assertEquals(List.of("a:b:1", "a:b:2"), deduplicator.claimNew(List.of("a:b:1", "a:b:2")).await().atMost(WAIT));
        assertEquals(List.of("a:b:3"),
                deduplicator.claimNew(List.of("a:b:1", "a:b:3", "a:b:2")).await().atMost(WAIT));
        long ttl = redis.key().ttl(Deduplicator.SEEN_PREFIX + "a:b:3");
        assertTrue(ttl > Duration.ofDays(13).toSeconds() && ttl <= Duration.ofDays(14).toSeconds(), "ttl " + ttl);
        assertEquals(List.of(), deduplicator.claimNew(List.of()).await().atMost(WAIT));
    }

    @Test
    void aClaimIsPendingUntilCommittedAndExpiresIfItNeverIs() {
        List<Deduplicator.Claim> claims = List.of(new Deduplicator.Claim("a:b:20", "a:b:20",
                NearDuplicates.fingerprint(null, "the same five words here", 5)),
                new Deduplicator.Claim("a:b:21", "a:b:21", NearDuplicates.fingerprint(null, "The same five words, here!", 5)));
        List<Deduplicator.Claimed> first = deduplicator.claim(claims, 3600).await().atMost(WAIT);
        assertEquals(new Deduplicator.Claimed(true, false, null), first.get(0));
        assertEquals(new Deduplicator.Claimed(true, false, "a:b:20"), first.get(1), "near-duplicate of the first copy");
        long pendingTtl = redis.key().ttl(Deduplicator.SEEN_PREFIX + "a:b:20");
        assertTrue(pendingTtl > 50 && pendingTtl <= 60, "pending for the claim timeout: " + pendingTtl);

        assertEquals(new Deduplicator.Claimed(false, true, null), deduplicator.claim(claims.subList(0, 1), 3600)
                .await().atMost(WAIT).get(0), "in flight elsewhere");
        deduplicator.commit(List.of("a:b:20")).await().atMost(WAIT);
        assertEquals(new Deduplicator.Claimed(false, false, null), deduplicator.claim(claims.subList(0, 1), 3600)
                .await().atMost(WAIT).get(0), "published");
        assertTrue(redis.key().ttl(Deduplicator.SEEN_PREFIX + "a:b:20") > Duration.ofDays(13).toSeconds());

        redis.key().del(Deduplicator.SEEN_PREFIX + "a:b:21"); // the pending claim of a dead process expired
        assertEquals(new Deduplicator.Claimed(true, false, "a:b:20"), deduplicator.claim(claims.subList(1, 2), 3600)
                .await().atMost(WAIT).get(0));
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        assertEquals(List.of("a:b:9"), deduplicator.claimNew(List.of("a:b:9")).await().atMost(WAIT));
        deduplicator.release("a:b:9").await().atMost(WAIT);
        assertEquals(List.of("a:b:9"), deduplicator.claimNew(List.of("a:b:9")).await().atMost(WAIT));
    }
}
