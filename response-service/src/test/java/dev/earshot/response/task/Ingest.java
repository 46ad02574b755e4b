package dev.earshot.response.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.vertx.VertxContextSupport;

/**
 * Records scored mentions through the same service call the RabbitMQ consumer makes, on a Vert.x
 * context, for tests that need many tasks quickly (the consumer tests prove the broker path).
 */
public final class Ingest {

    private Ingest() {
    }

    public static TaskIngestion.Outcome record(TaskIngestion service, ObjectMapper mapper, String json) {
        try {
            ScoredMention m = mapper.readValue(json, ScoredMention.class);
            return VertxContextSupport.subscribeAndAwait(() -> service.record(m));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static TaskIngestion.Outcome record(TaskIngestion service, ObjectMapper mapper, ObjectNode node) {
        return record(service, mapper, TestData.json(node));
    }
}
