package dev.earshot.response.task;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.earshot.messaging.Broker;
import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.messaging.Failures;
import dev.earshot.messaging.Outages;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code scored-mention} v1 from {@code response-service.scored-mentions}. A message is acked only after
 * its transaction committed. While the database is unreachable (or answers with a connection, shutdown,
 * serialization or deadlock failure) the same message is retried with back-off for as long as that lasts,
 * readiness down: an outage is a wait, never a dead letter. What cannot be read, or what fails to store for
 * another reason a few times in a row, is put into {@code response-service.scored-mentions.dlq} with the reason
 * in the {@code x-earshot-reason} header (and a WARN line), then acked.
 */
@ApplicationScoped
public class ScoredMentionConsumer {

    /** Incoming channel; its queue, exchange and dead-letter queue are set in application.properties. */
    public static final String CHANNEL = "scored-mentions";
    public static final String EXCHANGE = "earshot.scored-mentions";
    public static final String QUEUE = "response-service.scored-mentions";
    public static final String DEAD_LETTER_QUEUE = "response-service.scored-mentions.dlq";

    /** Tries of a store that fails for a reason that is not an outage, before the message is dead-lettered. */
    private static final int STORE_ATTEMPTS = 4;

    private final ScoredMentionReader reader;
    private final TaskIngestion tasks;
    private final Outages outages;
    private final DeadLetterQueue deadLetters;

    public ScoredMentionConsumer(ScoredMentionReader reader, TaskIngestion tasks, Broker broker, Outages outages) {
        this.reader = reader;
        this.tasks = tasks;
        this.outages = outages;
        this.deadLetters = broker.deadLetterQueue(QUEUE, DEAD_LETTER_QUEUE);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        ScoredMention scored;
        try {
            scored = reader.read(message.getPayload());
        } catch (InvalidScoredMentionException e) {
            return deadLetter(message, e.messageId(), e.getMessage());
        }
        String id = scored.mention().id();
        return outages.retryWhileTransient("storing scored mentions", () -> tasks.record(scored),
                DatabaseFailures::isTransient)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(STORE_ATTEMPTS)
                .flatMap(outcome -> {
                    Log.debugf("scored-mention %s: %s", id, outcome);
                    return Uni.createFrom().completionStage(message::ack);
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "scored-mention %s cannot be stored", id);
                    return deadLetter(message, id, "cannot be stored: " + Failures.describe(e));
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String mentionId, String reason) {
        return deadLetters.deadLetterAndAck(message, mentionId, reason, outages);
    }
}
