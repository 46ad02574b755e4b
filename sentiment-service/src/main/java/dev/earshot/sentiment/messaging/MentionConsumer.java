package dev.earshot.sentiment.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.messaging.Broker;
import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.messaging.Failures;
import dev.earshot.messaging.OutgoingMessage;
import dev.earshot.messaging.Outages;
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
 * Scores each mention and publishes the scored mention. The incoming channel overrides the content type to
 * {@code application/octet-stream}, so the connector always hands over the raw bytes and this class alone
 * decides what is readable. The incoming message is acked only once the scored message was confirmed into a
 * queue (published mandatory: while response-service has not declared its queue, or the broker is down, the
 * publish fails and is retried with back-off, readiness down, for as long as that lasts). A body that can never
 * be scored (unreadable, wrong schema version, no text left after normalisation) is put into
 * {@code sentiment-service.mentions.dlq} with the reason in the {@code x-earshot-reason} header, then acked.
 */
@ApplicationScoped
public class MentionConsumer {

    static final String SCORED_TYPE = "scored-mention.v1";

    private final MentionReader reader;
    private final TextAnalyzer analyzer;
    private final ObjectMapper mapper;
    private final Broker broker;
    private final Outages outages;
    private final DeadLetterQueue deadLetters;
    private final Counter scoredCount;
    private final Counter deadLettered;

    public MentionConsumer(MentionReader reader, TextAnalyzer analyzer, ObjectMapper mapper, Broker broker,
            Outages outages, MeterRegistry registry) {
        this.reader = reader;
        this.analyzer = analyzer;
        this.mapper = mapper;
        this.broker = broker;
        this.outages = outages;
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

    @Incoming(Channels.MENTIONS)
    public Uni<Void> consume(Message<byte[]> message) {
        Mention mention;
        try {
            mention = reader.read(message.getPayload());
        } catch (UnreadableMentionException e) {
            return deadLetter(message, e.mentionId(), e.getMessage());
        }
        return Uni.createFrom().item(() -> analyzer.score(mention))
                // OpenNLP is CPU work: keep it off the connector's event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((scored, scoringFailure) -> {
                    if (scoringFailure instanceof TextAnalyzer.UnscorableTextException unscorable) {
                        return deadLetter(message, mention.id(), unscorable.getMessage());
                    }
                    if (scoringFailure != null) {
                        // a failure tied to this post would fail again on every redelivery
                        Log.warnf(scoringFailure, "could not score mention %s", mention.id());
                        return deadLetter(message, mention.id(), "scoring failed: " + Failures.describe(scoringFailure));
                    }
                    OutgoingMessage out = toOutgoing(scored);
                    return outages.retryWhileTransient("publishing scored mentions", () -> publish(out), failure -> false)
                            .chain(() -> Uni.createFrom().completionStage(message.ack()))
                            .invoke(() -> scoredCount.increment());
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String mentionId, String reason) {
        return deadLetters.deadLetterAndAck(message, mentionId, reason, outages)
                .invoke(() -> deadLettered.increment());
    }

    private Uni<Void> publish(OutgoingMessage message) {
        return Uni.createFrom().<Void> item(() -> {
            broker.publisher().publishOrThrow(List.of(message));
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
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
