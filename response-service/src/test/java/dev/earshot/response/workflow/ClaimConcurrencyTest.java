package dev.earshot.response.workflow;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;
import dev.earshot.testing.DevJwt;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Many agents calling claim-next at once over real HTTP: every task is claimed exactly once. */
@QuarkusTest
class ClaimConcurrencyTest {

    static final int TASKS = 120;
    static final int CLAIMERS = 16;

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void parallelClaimersNeverGetTheSameTask() throws Exception {
        TestData.truncate(dataSource);
        List<String> mentions = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String mention = mentionId();
            mentions.add(mention);
            Ingest.record(service, mapper, scored(mention, conversation(), (i % 10) / 10.0, -0.3, null));
        }
        Set<Long> ours = taskIds(mentions);
        assertEquals(TASKS, ours.size());
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        try {
            List<Callable<List<Long>>> claimers = new ArrayList<>();
            for (int c = 0; c < CLAIMERS; c++) {
                String token = DevJwt.token("agent" + c + "@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1));
                claimers.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (true) {
                        Response r = given().auth().oauth2(token).post("/api/v1/tasks/claim-next");
                        if (r.statusCode() == 204) {
                            return mine;
                        }
                        assertEquals(200, r.statusCode(), r.asString());
                        mine.add(r.jsonPath().getLong("id"));
                    }
                });
            }
            Map<Long, Integer> claimedBy = new HashMap<>();
            int claims = 0;
            int claimer = 0;
            for (Future<List<Long>> f : pool.invokeAll(claimers)) {
                for (Long id : f.get()) {
                    claims++;
                    Integer previous = claimedBy.put(id, claimer);
                    assertEquals(null, previous, "task " + id + " claimed twice");
                }
                claimer++;
            }
            // every task of this test claimed once; a task the broker still held for the consumer when the test
            // began may be created meanwhile and claimed too, but never twice either
            assertTrue(claimedBy.keySet().containsAll(ours), "unclaimed: " + difference(ours, claimedBy.keySet()));
            assertEquals(claimedBy.size(), claims);
        } finally {
            pool.shutdownNow();
        }
        // the database agrees: all claimed, each by exactly one agent, with one claim in each audit trail
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'claimed' AND assignee IS NOT NULL),
                       (SELECT count(*) FROM task_event WHERE action = 'claimed' AND task_id = ANY (?)),
                       (SELECT count(DISTINCT task_id) FROM task_event WHERE action = 'claimed' AND task_id = ANY (?))
                FROM task WHERE id = ANY (?)""")) {
            java.sql.Array ids = c.createArrayOf("bigint", ours.toArray());
            s.setArray(1, ids);
            s.setArray(2, ids);
            s.setArray(3, ids);
            ResultSet r = s.executeQuery();
            r.next();
            assertEquals(TASKS, r.getInt(1));
            assertEquals(TASKS, r.getInt(2));
            assertEquals(TASKS, r.getInt(3));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<Long> taskIds(List<String> mentions) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT task_id FROM mention WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", mentions.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }

    static Set<Long> difference(Set<Long> all, Set<Long> some) {
        Set<Long> rest = new HashSet<>(all);
        rest.removeAll(some);
        return rest;
    }
}
