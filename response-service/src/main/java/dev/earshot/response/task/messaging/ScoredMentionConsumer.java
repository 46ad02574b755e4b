package dev.earshot.response.task.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.earshot.response.task.service.TaskService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code scored-mention} v1 from {@code response-service.scored-mentions}. A message is
 * acked only after its transaction committed. What cannot be read is rejected without requeue (the
 * broker moves it to {@code response-service.scored-mentions.dlq}) with a WARN naming id and reason;
 * a message whose transaction keeps failing is retried with back-off, then rejected the same way.
 */
@ApplicationScoped
public class ScoredMentionConsumer {

    /** Incoming channel; its queue, exchange and dead-letter queue are set in application.properties. */
    public static final String CHANNEL = "scored-mentions";
    public static final String EXCHANGE = "earshot.scored-mentions";
    public static final String QUEUE = "response-service.scored-mentions";
    public static final String DEAD_LETTER_QUEUE = "response-service.scored-mentions.dlq";

    private static final int STORE_ATTEMPTS = 4;

    private final ScoredMentionReader reader;
    private final TaskService tasks;

    public ScoredMentionConsumer(ScoredMentionReader reader, TaskService tasks) {
        this.reader = reader;
        this.tasks = tasks;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        ScoredMention scored;
        try {
            scored = reader.read(message.getPayload());
        } catch (InvalidScoredMentionException e) {
            Log.warnf("Rejecting scored-mention %s to the dead-letter queue: %s",
                    e.messageId() == null ? "(no id)" : e.messageId(), e.getMessage());
            return Uni.createFrom().completionStage(() -> message.nack(e));
        }
        String id = scored.mention().id();
        return Uni.createFrom().deferred(() -> tasks.record(scored))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(STORE_ATTEMPTS)
                .flatMap(outcome -> {
                    Log.debugf("scored-mention %s: %s", id, outcome);
                    return Uni.createFrom().completionStage(message::ack);
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "Rejecting scored-mention %s to the dead-letter queue: cannot store it", id);
                    return Uni.createFrom().completionStage(() -> message.nack(e));
                });
    }
}
