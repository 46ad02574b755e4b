package dev.earshot.listener.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.AlgoliaWireMock;
import dev.earshot.listener.support.ListenerTestSupport;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Scripts run by EVALSHA against the real Redis, loaded on NOSCRIPT (no SCRIPT FLUSH: the server is shared). */
@QuarkusTest
@WithTestResource(AlgoliaWireMock.class)
class LuaScriptTest extends ListenerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Test
    void anUnknownScriptIsLoadedOnNoScriptThenRunByItsDigestAlone() {
        // a script no one has loaded yet: its text is new, so Redis's cache cannot hold it
        LuaScript script = LuaScript.of("echo", "-- " + UUID.randomUUID() + "\nreturn {KEYS[1], ARGV[1]}");
        List<String> sent = new ArrayList<>();
        LuaScript.Sender recording = (command, args) -> {
            sent.add(command);
            return reactiveRedis.execute(command, args);
        };

        assertEquals("[k, v]", script.run(recording, List.of("k"), List.of("v")).await().atMost(WAIT).toString());
        assertEquals(List.of("EVALSHA", "SCRIPT", "EVALSHA"), sent, "NOSCRIPT, then SCRIPT LOAD and EVALSHA again");
        assertEquals(1, reactiveRedis.execute("SCRIPT", "EXISTS", script.sha1()).await().atMost(WAIT).get(0).toInteger());

        sent.clear();
        assertEquals("[k2, v2]", script.run(recording, List.of("k2"), List.of("v2")).await().atMost(WAIT).toString());
        assertEquals(List.of("EVALSHA"), sent, "loaded once: later calls send only the digest");
    }

    @Test
    void everyProductionScriptIsOnTheClassPath() {
        for (String name : List.of("dedup-claim", "dedup-claim-with-fingerprint", "dedup-commit", "lease-heartbeat",
                "lease-renew", "lease-release", "lease-acquire", "source-admit")) {
            assertTrue(LuaScript.load(name).sha1().matches("[0-9a-f]{40}"), name);
        }
    }
}
