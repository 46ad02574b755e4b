package dev.earshot.listener.messaging;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.model.Mention;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes mentions to the topic exchange {@code earshot.mentions}, routed by source, as persistent
 * JSON messages. The returned {@link Uni} completes when the broker confirmed the message (publisher
 * confirms are on for the channel) and fails when it did not.
 */
@ApplicationScoped
public class MentionPublisher {

    /** The outgoing channel; tests reuse the constant. */
    public static final String CHANNEL = "mentions";
    public static final String EXCHANGE = "earshot.mentions";
    static final int PERSISTENT = 2;

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper objectMapper;

    public MentionPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper objectMapper) {
        this.emitter = emitter;
        this.objectMapper = objectMapper;
    }

    public Uni<Void> publish(Mention mention) {
        String json;
        try {
            json = objectMapper.writeValueAsString(mention);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(mention.source())
                .withDeliveryMode(PERSISTENT)
                .withContentType("application/json")
                .withMessageId(mention.id())
                .withTimestamp(mention.fetchedAt().atZone(ZoneOffset.UTC))
                .build();
        return emitter.sendMessage(Message.of(json, Metadata.of(metadata)));
    }
}
