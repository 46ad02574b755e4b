package dev.earshot.response.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;

/** Open pages hear of a change once it committed, whichever replica made it (PostgreSQL LISTEN/NOTIFY). */
@QuarkusTest
class InboxUpdatesTest {

    @Inject
    InboxUpdates updates;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Test
    void aChangeOfAnotherReplicaReachesThePageOnlyOnceItsTransactionCommitted() throws Exception {
        List<Long> heard = new CopyOnWriteArrayList<>();
        Cancellable page = updates.stream().subscribe().with(heard::addAll);
        try {
            // another replica's transaction: its own connection to the same database
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SELECT pg_notify('" + InboxUpdates.CHANNEL + "', '990000001,990000002')");
                Thread.sleep(1500);
                assertTrue(heard.isEmpty(), "heard before the commit: " + heard);
                c.commit();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= 2);
            assertEquals(List.of(990000001L, 990000002L), heard.subList(0, 2));
        } finally {
            page.cancel();
        }
    }

    @Test
    void aNewTaskIsHeard() {
        List<Long> heard = new CopyOnWriteArrayList<>();
        Cancellable page = updates.stream().subscribe().with(heard::addAll);
        try {
            String conversation = TestData.conversation();
            Ingest.record(ingestion, mapper, TestData.scored(TestData.mentionId(), conversation, 0.5, -0.4, null));
            long task = TestData.taskId(dataSource, conversation);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(task));
        } finally {
            page.cancel();
        }
    }

    @Test
    void pagesReloadOnceTheListeningConnectionIsBackAndHearChangesAgain() throws Exception {
        List<Long> heard = new CopyOnWriteArrayList<>();
        Cancellable page = updates.stream().subscribe().with(heard::addAll);
        try {
            // PostgreSQL restarted or a proxy dropped the connection: changes committed meanwhile reach no page
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND query ILIKE 'LISTEN%"
                            + InboxUpdates.CHANNEL + "%' AND pid <> pg_backend_pid()")) {
                r.next();
                assertEquals(1, r.getInt(1), "one listening connection of this service");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(InboxUpdates.MAY_HAVE_MISSED));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_notify('" + InboxUpdates.CHANNEL + "', '990000003')");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(990000003L));
        } finally {
            page.cancel();
        }
    }
}
