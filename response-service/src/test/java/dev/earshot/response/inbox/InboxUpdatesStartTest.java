package dev.earshot.response.inbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;

/** Started while PostgreSQL does not answer (the worst start order), the inbox keeps trying to listen. */
class InboxUpdatesStartTest {

    @Test
    void theFirstListeningConnectionIsTriedAgainUntilPostgresqlAnswers() {
        Vertx vertx = Vertx.vertx();
        // port 9 (discard): nothing answers PostgreSQL's protocol there
        InboxUpdates updates = new InboxUpdates(vertx, "postgresql://127.0.0.1:9/earshot", "earshot", "earshot");
        try {
            updates.listen(null);
            await().atMost(Duration.ofSeconds(10)).until(() -> updates.connectAttempts() >= 3);
        } finally {
            updates.stop(null);
            vertx.closeAndAwait();
        }
    }
}
