package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.detail;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static dev.earshot.response.task.TestData.taskOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.testing.DevJwt;
import dev.earshot.testing.TestBroker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A batch of scored mentions as the consumer gets it from the broker, stored in one transaction (real PostgreSQL and
 * RabbitMQ): a poison message is dead-lettered alone, a redelivered batch stores nothing twice, many posts of one
 * conversation make one task, and a batch's posts act one by one as single posts do (reopen, follow-up, events).
 */
@QuarkusTest
class BatchIngestionTest {

    @Inject
    ScoredMentionConsumer consumer;

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    private static <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private List<ScoredMention> read(List<String> bodies) {
        return bodies.stream().map(b -> {
            try {
                return mapper.readValue(b, ScoredMention.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aPoisonMessageIsDeadLetteredAloneAndTheRestOfItsBatchIsStored() {
        try (TestBroker broker = new TestBroker(TestData.VHOST)) {
            poisonAlone(broker);
        }
    }

    private void poisonAlone(TestBroker broker) {
        broker.purge(ScoredMentionConsumer.DEAD_LETTER_QUEUE);
        List<String> conversations = new ArrayList<>();
        List<Message<byte[]>> batch = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        String poisonId = mentionId();
        for (int i = 0; i < 6; i++) {
            String conversation = conversation();
            conversations.add(conversation);
            String body = i == 3
                    // readable, but no PostgreSQL timestamp reaches the year 300000 (a post dated in the future
                    // counts as now, its edit time is kept): it can never be stored
                    ? scored(poisonId, conversation, 0.5, -0.5, null).replaceFirst("\"createdAt\":",
                            "\"editedAt\":\"+300000-01-01T00:00:00Z\",\"createdAt\":")
                    // a NUL character is cleaned on the way in, as it always was: not a poison
                    : scored(mentionId(), conversation, 0.5, -0.5, null).replace("Acme is", "Acme\\u0000 is");
            batch.add(Message.of(body.getBytes(StandardCharsets.UTF_8), () -> {
                acked.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }));
        }

        run(() -> consumer.process(batch));

        assertEquals(6, acked.get(), "every message acked, the poison one after it was dead-lettered");
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                assertNull(taskOf(conversations.get(i)));
            } else {
                assertNotNull(taskOf(conversations.get(i)), "stored: " + conversations.get(i));
            }
        }
        List<TestBroker.Received> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            TestBroker.Received r;
            while ((r = broker.take(ScoredMentionConsumer.DEAD_LETTER_QUEUE)) != null) {
                dead.add(r);
            }
            return !dead.isEmpty();
        });
        assertEquals(1, dead.size());
        assertEquals(poisonId, dead.get(0).properties().getMessageId());
        String reason = String.valueOf(dead.get(0).properties().getHeaders().get(DeadLetterQueue.REASON));
        assertTrue(reason.startsWith("cannot be stored: "), reason);
    }

    @Test
    void aRedeliveredBatchStoresNothingTwice() {
        String conversation = conversation();
        String other = conversation();
        List<ScoredMention> batch = read(List.of(
                scored(mentionId(), conversation, 0.3, -0.5, null),
                scored(mentionId(), conversation, 0.3, 0.5, null),
                scored(mentionId(), other, 0.3, 0.0, null)));

        List<TaskIngestion.Outcome> first = run(() -> ingestion.recordAll(batch));
        List<TaskIngestion.Outcome> again = run(() -> ingestion.recordAll(batch));

        assertEquals(List.of(TaskIngestion.Outcome.CREATED_TASK, TaskIngestion.Outcome.JOINED_TASK,
                TaskIngestion.Outcome.CREATED_TASK), first);
        assertEquals(List.of(TaskIngestion.Outcome.DUPLICATE, TaskIngestion.Outcome.DUPLICATE,
                TaskIngestion.Outcome.DUPLICATE), again);
        Map<String, Object> task = taskOf(conversation);
        assertEquals(2, task.get("mentionCount"));
        assertEquals(1, task.get("negativeCount"));
        assertEquals(2, detail(task.get("id")).getList("mentions").size());
        assertEquals(1, taskOf(other).get("mentionCount"));
    }

    @Test
    void manyPostsOfOneConversationInOneBatchMakeOneTaskWithTheRightCounts() {
        String conversation = conversation();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(scored(mentionId(), conversation, 0.2 + i * 0.05, i % 3 == 0 ? 0.5 : -0.6, null));
        }
        String repeated = bodies.get(5);
        bodies.add(repeated); // the same message twice in one batch
        List<ScoredMention> batch = read(bodies);

        List<TaskIngestion.Outcome> outcomes = run(() -> ingestion.recordAll(batch));

        assertEquals(TaskIngestion.Outcome.CREATED_TASK, outcomes.get(0));
        assertEquals(11L, outcomes.stream().filter(o -> o == TaskIngestion.Outcome.JOINED_TASK).count());
        assertEquals(TaskIngestion.Outcome.DUPLICATE, outcomes.get(12));
        assertEquals(1L, TestData.allTasks(200).stream().filter(t -> conversation.equals(t.get("conversationId")))
                .count());
        Map<String, Object> task = taskOf(conversation);
        assertEquals(12, task.get("mentionCount"));
        assertEquals(8, task.get("negativeCount"));
        assertEquals("negative", task.get("sentimentLabel"));
        assertEquals(12, detail(task.get("id")).getList("mentions").size());
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) task.get("priorityReasons");
        assertTrue(reasons.contains("12 posts in the conversation"), reasons.toString());
    }

    @Test
    void aBatchsPostsActOneByOneTheNegativeOneReopensForTheLastReplierAndIsAnnounced() throws Exception {
        String conversation = conversation();
        run(() -> ingestion.recordAll(read(List.of(scored(mentionId(), conversation, 0.5, -0.5, null)))));
        Object id = taskOf(conversation).get("id");
        given().auth().oauth2(DevJwt.token("bob@acme.example", "agent", DevJwt.ISSUER, Duration.ofHours(1)))
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"reply\":{\"channel\":\"public\",\"link\":\"https://example.org/r/7\"}}")
                .post("/api/v1/tasks/{id}/resolve", id).then().statusCode(200);

        // one batch: a positive follow-up (a resolved task stays resolved), then a negative one (reopens it for bob)
        List<String> bodies = new ArrayList<>();
        for (double sentiment : new double[] {0.7, -0.8}) {
            var node = TestData.scoredNode(mentionId(), conversation, 0.5, sentiment, null);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("mention")).put("createdAt",
                    Instant.now().plusSeconds(bodies.size() + 1).toString());
            bodies.add(TestData.json(node));
        }
        run(() -> ingestion.recordAll(read(bodies)));

        var task = detail(id);
        assertEquals("claimed", task.getString("status"));
        assertEquals("bob@acme.example", task.getString("assignee"));
        List<String> actions = given().auth().oauth2(TestData.agentToken()).get("/api/v1/tasks/{id}/history", id)
                .then().extract().jsonPath().getList("items.action");
        assertEquals(List.of("created", "resolved", "post-added", "post-added", "reopened-by-post", "assigned-by-post"),
                actions);
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "SELECT event_type FROM webhook_outbox WHERE task_id = ? ORDER BY id")) {
            s.setLong(1, ((Number) id).longValue());
            List<String> announced = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    announced.add(r.getString(1));
                }
            }
            // in the order they happened (the dispatcher sends in id order); the reopen once
            assertEquals(List.of("task.created", "task.replied", "task.resolved", "task.escalated", "task.reopened"),
                    announced);
        }
    }
}
