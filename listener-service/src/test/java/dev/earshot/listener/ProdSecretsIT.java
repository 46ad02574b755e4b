package dev.earshot.listener;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.earshot.listener.support.ListenerProcess;

/**
 * The packaged listener in the prod profile refuses to start without its broker credentials instead of
 * falling back to the development ones (guest/guest), and says which variable is missing.
 */
class ProdSecretsIT {

    @Test
    void aMissingBrokerCredentialStopsStartUpAndIsNamed() throws Exception {
        for (String missing : List.of("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD")) {
            Map<String, String> env = ListenerProcess.prodEnvironment();
            env.put(missing, null);
            env.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "off");
            env.put("REDIS_URL", "redis://127.0.0.1:6379/" + System.getenv().getOrDefault("EARSHOT_TEST_REDIS_DB", "1"));
            try (ListenerProcess listener = ListenerProcess.start("without-" + missing, env)) {
                int exit = listener.awaitExit(Duration.ofSeconds(120));
                String log = listener.logTail();
                assertNotEquals(0, exit, log);
                assertTrue(log.contains(missing), "the log names " + missing + ":\n" + log);
            }
        }
    }
}
