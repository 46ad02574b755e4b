package dev.earshot.listener.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.model.Mention;
import dev.earshot.messaging.Broker;
import dev.earshot.messaging.OutgoingMessage;
import dev.earshot.messaging.PublishOutcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Publishes mentions to the topic exchange {@code earshot.mentions}, routed by source, as persistent JSON
 * messages, a page at a time with one round of publisher confirms. Published with the mandatory flag: a mention
 * that no queue takes (sentiment-service has not declared its queue yet, or it was deleted) is returned by the
 * broker and reported failed, like one the broker did not confirm, so the caller keeps it and retries.
 */
@ApplicationScoped
public class MentionPublisher {

    public static final String EXCHANGE = "earshot.mentions";
    public static final String TYPE = "mention.v1";

    private final Broker broker;
    private final ObjectMapper objectMapper;

    public MentionPublisher(Broker broker, ObjectMapper objectMapper) {
        this.broker = broker;
        this.objectMapper = objectMapper;
    }

    /** Publishes the mentions; answers, in order, null for each one confirmed into a queue, else why it was not. */
    public Uni<List<String>> publish(List<Mention> mentions) {
        if (mentions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> {
            List<OutgoingMessage> batch = new ArrayList<>(mentions.size());
            for (Mention mention : mentions) {
                batch.add(new OutgoingMessage(EXCHANGE, mention.source(), mention.id(), TYPE, json(mention),
                        java.util.Map.of(), mention.fetchedAt(), null));
            }
            List<String> failures = new ArrayList<>(mentions.size());
            for (PublishOutcome outcome : broker.publisher().publish(batch)) {
                failures.add(outcome.failure());
            }
            return failures;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the broker answers now. */
    public boolean brokerReachable() {
        return broker.reachable();
    }

    private byte[] json(Mention mention) {
        try {
            return objectMapper.writeValueAsBytes(mention);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise mention " + mention.id(), e);
        }
    }
}
