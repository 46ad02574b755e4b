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
    void aReleasedClaimCanBeClaimedAgain() {
        assertEquals(List.of("a:b:9"), deduplicator.claimNew(List.of("a:b:9")).await().atMost(WAIT));
        deduplicator.release("a:b:9").await().atMost(WAIT);
        assertEquals(List.of("a:b:9"), deduplicator.claimNew(List.of("a:b:9")).await().atMost(WAIT));
    }
}
