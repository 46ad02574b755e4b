package dev.earshot.response.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.earshot.messaging.Batches;
import dev.earshot.messaging.Broker;
import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.messaging.Deliveries;
import dev.earshot.messaging.Failures;
import dev.earshot.messaging.Outages;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Consumes {@code scored-mention} v1 from {@code response-service.scored-mentions} in batches: a batch closes at
 * {@code earshot.ingestion.batch-size} messages or after {@code earshot.ingestion.linger}, up to
 * {@code earshot.ingestion.concurrency} batches at once, and its readable scored mentions are stored in one
 * transaction ({@link TaskIngestion#recordAll}). Its messages are acked only after that transaction committed. While
 * the database is unreachable (or answers with a connection, shutdown, serialization or deadlock failure) the same
 * batch is retried with back-off for as long as that lasts, readiness down: an outage is a wait, never a dead
 * letter. What cannot be read is put alone into {@code response-service.scored-mentions.dlq} with the reason in the
 * {@code x-earshot-reason} header (and a WARN line), then acked. A batch whose transaction fails for another reason
 * is stored again one message at a time, so that only the message that cannot be stored (a few tries in a row) is
 * dead-lettered, with its reason. A crash before the commit leaves the whole batch unacked; stored again after
 * redelivery it changes nothing twice (idempotent on the mention id).
 */
@ApplicationScoped
public class ScoredMentionConsumer {

    /** Incoming channel; its queue, exchange and dead-letter queue are set in application.properties. */
    public static final String CHANNEL = "scored-mentions";
    public static final String EXCHANGE = "earshot.scored-mentions";
    public static final String QUEUE = "response-service.scored-mentions";
    public static final String DEAD_LETTER_QUEUE = "response-service.scored-mentions.dlq";

    static final String STORING = "storing scored mentions";

    /** Tries of a store that fails for a reason that is not an outage, before the message is dead-lettered. */
    private static final int STORE_ATTEMPTS = 4;

    private final ScoredMentionReader reader;
    private final TaskIngestion tasks;
    private final Outages outages;
    private final DeadLetterQueue deadLetters;
    private final IngestionConfig settings;
    private final Deliveries deliveries;
    private final VertxInternal vertx;

    public ScoredMentionConsumer(ScoredMentionReader reader, TaskIngestion tasks, Broker broker, Outages outages,
            IngestionConfig settings, Deliveries deliveries, Vertx vertx) {
        this.reader = reader;
        this.tasks = tasks;
        this.outages = outages;
        this.settings = settings;
        this.deliveries = deliveries;
        this.vertx = (VertxInternal) vertx; // createEventLoopContext: the next event loop
        this.deadLetters = broker.deadLetterQueue(QUEUE, DEAD_LETTER_QUEUE);
    }

    @Incoming(CHANNEL)
    public Flow.Subscriber<Message<byte[]>> consume() {
        return Batches.of(settings.batchSize(), settings.linger(), settings.concurrency(), deliveries,
                batch -> onNewContext(() -> process(batch)), "the scored-mention consumer");
    }

    /** Dead-letters what cannot be read, stores the rest together. */
    Uni<Void> process(List<Message<byte[]>> batch) {
        List<Uni<Void>> work = new ArrayList<>();
        List<Message<byte[]>> readable = new ArrayList<>();
        List<ScoredMention> scored = new ArrayList<>();
        for (Message<byte[]> message : batch) {
            try {
                scored.add(reader.read(message.getPayload()));
                readable.add(message);
            } catch (InvalidScoredMentionException e) {
                work.add(deadLetter(message, e.messageId(), e.getMessage()));
            }
        }
        if (readable.size() == 1) {
            work.add(store(readable.get(0), scored.get(0)));
        } else if (!readable.isEmpty()) {
            work.add(storeAll(readable, scored));
        }
        return work.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(work).andCollectFailures().replaceWithVoid();
    }

    /** The batch in one transaction; if that fails for a reason that is not an outage, one message at a time. */
    private Uni<Void> storeAll(List<Message<byte[]>> messages, List<ScoredMention> scored) {
        return outages.retryWhileTransient(STORING, () -> tasks.recordAll(scored), DatabaseFailures::isTransient)
                .flatMap(outcomes -> {
                    Log.debugf("%d scored mentions: %s", outcomes.size(), outcomes);
                    return Uni.join().all(messages.stream().map(deliveries::ack).toList()).andCollectFailures()
                            .replaceWithVoid();
                })
                .onFailure().recoverWithUni(e -> {
                    Log.infof("a batch of %d scored mentions cannot be stored together (%s): storing them one by one",
                            messages.size(), Failures.describe(e));
                    return Multi.createFrom().range(0, messages.size())
                            .onItem().transformToUniAndConcatenate(i -> store(messages.get(i), scored.get(i)))
                            .collect().last().replaceWithVoid();
                });
    }

    /** One message in its own transaction; dead-lettered after a few failures that are not an outage. */
    private Uni<Void> store(Message<byte[]> message, ScoredMention scored) {
        String id = scored.mention().id();
        return outages.retryWhileTransient(STORING, () -> tasks.record(scored), DatabaseFailures::isTransient)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(STORE_ATTEMPTS)
                .flatMap(outcome -> {
                    Log.debugf("scored-mention %s: %s", id, outcome);
                    return deliveries.ack(message);
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "scored-mention %s cannot be stored", id);
                    return deadLetter(message, id, "cannot be stored: " + Failures.describe(e));
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String mentionId, String reason) {
        return deadLetters.deadLetterAndAck(message, mentionId, reason, outages, deliveries);
    }

    /**
     * Runs the work on a new duplicated Vert.x context marked safe, as Hibernate Reactive requires: a batch closed
     * by the linger timer is handed over on a timer thread, and two batches must not share a session. Each batch
     * gets the next event loop (round robin): the connector hands every batch over on its one event loop, and
     * batches duplicated from there would all run on that one thread, so the service's ingestion would never use
     * more than one core whatever the concurrency.
     */
    private Uni<Void> onNewContext(Supplier<Uni<Void>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.createEventLoopContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
