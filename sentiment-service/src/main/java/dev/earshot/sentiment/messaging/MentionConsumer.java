package dev.earshot.sentiment.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.messaging.MentionReader.UnreadableMentionException;
import dev.earshot.sentiment.model.Mention;
import dev.earshot.sentiment.model.ScoredMention;
import dev.earshot.sentiment.scoring.TextAnalyzer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Scores each mention and publishes the scored mention. The incoming channel overrides the content
 * type to {@code application/octet-stream}, so the connector always hands over the raw bytes and
 * this class alone decides what is readable. The incoming message is acked only once the broker has
 * confirmed the scored message; an unreadable body, or a mention whose text cannot be scored (empty,
 * binary, nothing left after normalisation), is rejected without requeue (the broker moves it to
 * {@code sentiment-service.mentions.dlq}) with a WARN line naming the reason; a failed publish is
 * requeued.
 */
@ApplicationScoped
public class MentionConsumer {

    private static final int PERSISTENT = 2;

    private final MentionReader reader;
    private final TextAnalyzer analyzer;
    private final ObjectMapper mapper;
    private final MutinyEmitter<byte[]> scoredMentions;
    private final Counter scoredCount;
    private final Counter deadLettered;
    private final Counter requeued;

    public MentionConsumer(MentionReader reader, TextAnalyzer analyzer, ObjectMapper mapper,
            @Channel(Channels.SCORED_MENTIONS) MutinyEmitter<byte[]> scoredMentions, MeterRegistry registry) {
        this.reader = reader;
        this.analyzer = analyzer;
        this.mapper = mapper;
        this.scoredMentions = scoredMentions;
        this.scoredCount = outcome(registry, "scored");
        this.deadLettered = outcome(registry, "dead-lettered");
        this.requeued = outcome(registry, "requeued");
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
            Log.warnf("rejecting message %s to the dead-letter queue: %s", messageId(message), e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().completionStage(
                    message.nack(e, Metadata.of(new RabbitMQRejectMetadata(false))));
        }
        return Uni.createFrom().item(() -> analyzer.score(mention))
                // OpenNLP is CPU work: keep it off the connector's event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((scored, scoringFailure) -> {
                    if (scoringFailure instanceof TextAnalyzer.UnscorableTextException unscorable) {
                        Log.warnf("rejecting mention %s to the dead-letter queue: %s", mention.id(),
                                unscorable.getMessage());
                        deadLettered.increment();
                        return Uni.createFrom().completionStage(
                                message.nack(unscorable, Metadata.of(new RabbitMQRejectMetadata(false))));
                    }
                    if (scoringFailure != null) {
                        // a failure tied to this post would fail again on every redelivery
                        Log.warnf(scoringFailure, "could not score mention %s; rejecting it to the dead-letter queue",
                                mention.id());
                        deadLettered.increment();
                        return Uni.createFrom().completionStage(
                                message.nack(scoringFailure, Metadata.of(new RabbitMQRejectMetadata(false))));
                    }
                    return scoredMentions.sendMessage(toMessage(scored))
                            .chain(() -> Uni.createFrom().completionStage(message.ack()))
                            .invoke(() -> scoredCount.increment())
                            .onFailure().recoverWithUni(publishFailure -> {
                                Log.warnf(publishFailure, "could not publish scored mention %s; requeueing it",
                                        mention.id());
                                requeued.increment();
                                return Uni.createFrom().completionStage(
                                        message.nack(publishFailure, Metadata.of(new RabbitMQRejectMetadata(true))));
                            });
                });
    }

    private Message<byte[]> toMessage(ScoredMention scored) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(scored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise scored mention " + scored.mention().id(), e);
        }
        OutgoingRabbitMQMetadata metadata = new OutgoingRabbitMQMetadata.Builder()
                .withRoutingKey(scored.mention().source() == null ? "unknown" : scored.mention().source())
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withMessageId(scored.mention().id())
                .withType("scored-mention.v1")
                .build();
        return Message.of(body, Metadata.of(metadata));
    }

    /** The AMQP message id when the publisher set one, else where the message came from. */
    private static String messageId(Message<?> message) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(metadata -> metadata.getMessageId().map(id -> "message-id " + id)
                        .orElse("without message-id (exchange " + metadata.getExchange() + ", routing key "
                                + metadata.getRoutingKey() + ", content type "
                                + metadata.getContentType().orElse("none") + ")"))
                .orElse("without metadata");
    }
}
