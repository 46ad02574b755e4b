package dev.earshot.sentiment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.messaging.Batches;
import dev.earshot.messaging.Broker;
import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.messaging.Deliveries;
import dev.earshot.messaging.Failures;
import dev.earshot.messaging.OutgoingMessage;
import dev.earshot.messaging.Outages;
import dev.earshot.messaging.PublishFailedException;
import dev.earshot.messaging.PublishOutcome;
import dev.earshot.sentiment.config.SentimentConfig;
import dev.earshot.sentiment.messaging.MentionReader.UnreadableMentionException;
import dev.earshot.sentiment.contract.Mention;
import dev.earshot.sentiment.contract.ScoredMention;
import dev.earshot.sentiment.scoring.TextAnalyzer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Scores mentions in batches and publishes the scored mentions. The incoming channel overrides the content type to
 * {@code application/octet-stream}, so the connector always hands over the raw bytes and this class alone decides
 * what is readable.
 *
 * <p>A batch closes at {@code earshot.sentiment.consumer.batch-size} mentions or after
 * {@code earshot.sentiment.consumer.linger}; up to {@code concurrency} batches are in work at once. Its mentions
 * are scored on a worker thread, and its scored mentions are published together with one round of broker confirms
 * (mandatory, persistent). Each mention is acked only once its own scored mention was confirmed into a queue; what
 * the broker did not confirm or returned (response-service has not declared its queue yet, the broker is down) is
 * published again with back-off, readiness down, for as long as that lasts, while what was confirmed is acked at
 * once. A body that can never be scored (unreadable, wrong schema version, no text left after normalisation) is put
 * alone into {@code sentiment-service.mentions.dlq} with the reason in the {@code x-earshot-reason} header, then
 * acked; the rest of its batch goes on. A crash or a lost connection at any point leaves every mention whose scored
 * mention was not confirmed unacked, so the broker delivers it again (at least once; the scored mention's message
 * id is the mention's id, for the consumer's idempotency).
 */
@ApplicationScoped
public class MentionConsumer {

    static final String SCORED_TYPE = "scored-mention.v1";
    static final String PUBLISHING = "publishing scored mentions";

    private final MentionReader reader;
    private final TextAnalyzer analyzer;
    private final ObjectMapper mapper;
    private final Broker broker;
    private final Outages outages;
    private final SentimentConfig.Consumer settings;
    private final DeadLetterQueue deadLetters;
    private final Deliveries deliveries;
    private final Counter scoredCount;
    private final Counter deadLettered;

    public MentionConsumer(MentionReader reader, TextAnalyzer analyzer, ObjectMapper mapper, Broker broker,
            Outages outages, Deliveries deliveries, SentimentConfig config, MeterRegistry registry) {
        this.reader = reader;
        this.analyzer = analyzer;
        this.mapper = mapper;
        this.broker = broker;
        this.outages = outages;
        this.deliveries = deliveries;
        this.settings = config.consumer();
        this.deadLetters = broker.deadLetterQueue(Channels.MENTIONS_QUEUE, Channels.MENTIONS_DEAD_LETTER_QUEUE);
        this.scoredCount = outcome(registry, "scored");
        this.deadLettered = outcome(registry, "dead-lettered");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("earshot.sentiment.mentions")
                .description("Mentions consumed, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** What became of one mention of a batch: its scored mention to publish, or why it can never be scored. */
    private sealed interface Outcome permits Scored, Rejected {
        Message<byte[]> message();
    }

    private record Scored(Message<byte[]> message, OutgoingMessage out) implements Outcome {
    }

    private record Rejected(Message<byte[]> message, String mentionId, String reason) implements Outcome {
    }

    @Incoming(Channels.MENTIONS)
    public Flow.Subscriber<Message<byte[]>> consume() {
        return Batches.of(settings.batchSize(), settings.linger(), settings.concurrency(), deliveries, this::process,
                "the mention consumer");
    }

    /** Scores the batch, dead-letters what cannot be scored, publishes the rest with one confirm round. */
    Uni<Void> process(List<Message<byte[]>> batch) {
        return Uni.createFrom().item(() -> batch.stream().map(this::score).toList())
                // OpenNLP is CPU work: keep it off the connector's event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(outcomes -> {
                    List<Uni<Void>> work = new ArrayList<>();
                    List<Scored> scored = new ArrayList<>();
                    for (Outcome outcome : outcomes) {
                        if (outcome instanceof Rejected rejected) {
                            work.add(deadLetter(rejected));
                        } else {
                            scored.add((Scored) outcome);
                        }
                    }
                    if (!scored.isEmpty()) {
                        work.add(publishAndAck(scored));
                    }
                    return Uni.join().all(work).andCollectFailures().replaceWithVoid();
                })
                .onFailure().recoverWithItem(failure -> {
                    // only a defect gets here: its unacked mentions are delivered again when the connection closes
                    Log.errorf(failure, "a batch of %d mentions failed", batch.size());
                    return null;
                });
    }

    private Outcome score(Message<byte[]> message) {
        Mention mention;
        try {
            mention = reader.read(message.getPayload());
        } catch (UnreadableMentionException e) {
            return new Rejected(message, e.mentionId(), e.getMessage());
        }
        try {
            return new Scored(message, toOutgoing(analyzer.score(mention)));
        } catch (TextAnalyzer.UnscorableTextException e) {
            return new Rejected(message, mention.id(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a failure tied to this post would fail again on every redelivery
            Log.warnf(e, "could not score mention %s", mention.id());
            return new Rejected(message, mention.id(), "scoring failed: " + Failures.describe(e));
        }
    }

    private Uni<Void> deadLetter(Rejected rejected) {
        return deadLetters.deadLetterAndAck(rejected.message(), rejected.mentionId(), rejected.reason(), outages,
                deliveries)
                .invoke(() -> deadLettered.increment());
    }

    /**
     * Publishes the scored mentions with one round of confirms and acks each confirmed one at once; what was not
     * confirmed is published again, with back-off while it keeps failing.
     */
    private Uni<Void> publishAndAck(List<Scored> scored) {
        List<Scored> pending = new ArrayList<>(scored);
        return outages.retryWhileTransient(PUBLISHING, () -> Uni.createFrom().item(() -> publish(pending))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(acks -> acks), failure -> false);
    }

    /** Publishes what is pending; answers the acks of the confirmed ones, then fails if any is still pending. */
    private Uni<Void> publish(List<Scored> pending) {
        List<PublishOutcome> outcomes = broker.publisher().publish(pending.stream().map(Scored::out).toList());
        List<Uni<Void>> acks = new ArrayList<>();
        List<Scored> failed = new ArrayList<>();
        PublishOutcome firstFailure = null;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).published()) {
                acks.add(deliveries.ack(pending.get(i).message()));
            } else {
                failed.add(pending.get(i));
                firstFailure = firstFailure == null ? outcomes.get(i) : firstFailure;
            }
        }
        pending.retainAll(failed);
        scoredCount.increment(acks.size());
        Uni<Void> acked = acks.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(acks).andFailFast().replaceWithVoid();
        if (firstFailure == null) {
            return acked;
        }
        PublishFailedException failure = new PublishFailedException(failed.size() + " of " + outcomes.size()
                + " scored mentions not published, e.g. " + firstFailure.message().messageId() + " to exchange '"
                + firstFailure.message().exchange() + "' with routing key '" + firstFailure.message().routingKey()
                + "': " + firstFailure.failure());
        return acked.chain(() -> Uni.createFrom().failure(failure));
    }

    private OutgoingMessage toOutgoing(ScoredMention scored) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(scored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise scored mention " + scored.mention().id(), e);
        }
        String source = scored.mention().source() == null ? "unknown" : scored.mention().source();
        return OutgoingMessage.json(Channels.SCORED_MENTIONS_EXCHANGE, source, scored.mention().id(), SCORED_TYPE, body);
    }

}
