package dev.earshot.response.task;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.TaskIngestion.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Transactions racing on one conversation, each on its own Vert.x context and connection. */
@QuarkusTest
class TaskIngestionConcurrencyTest {

    @Inject
    TaskIngestion service;

    @Inject
    ObjectMapper mapper;

    private Outcome record(ScoredMention m) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> service.record(m));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void concurrentMentionsOfOneConversationMakeOneTaskAndCountEachOnce() throws Exception {
        String conversationId = conversation();
        List<ScoredMention> mentions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mentions.add(mapper.readValue(scored(mentionId(), conversationId, 0.4, -0.5, null), ScoredMention.class));
        }
        mentions.add(mentions.get(0)); // and a redelivery racing with the rest
        ExecutorService pool = Executors.newFixedThreadPool(mentions.size());
        try {
            List<Callable<Outcome>> calls = mentions.stream()
                    .<Callable<Outcome>>map(m -> () -> record(m))
                    .toList();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
            assertEquals(1, outcomes.stream().filter(o -> o == Outcome.CREATED_TASK).count(), outcomes.toString());
            assertEquals(5, outcomes.stream().filter(o -> o == Outcome.JOINED_TASK).count(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> task = TestData.taskOf(conversationId);
        assertEquals(6, task.get("mentionCount"));
        assertEquals(6, task.get("negativeCount"));
        assertEquals(6, TestData.detail(task.get("id")).getList("mentions").size());
    }
}
