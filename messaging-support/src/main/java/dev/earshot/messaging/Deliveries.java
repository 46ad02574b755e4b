package dev.earshot.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * Acks that cannot reach the wrong message. The RabbitMQ connector acks by delivery tag on whatever channel it
 * holds at the time; a message still in work when the connection dropped carries a tag of the old channel, which
 * on the new one either names another delivery (acking it before its work is done) or is unknown (the broker then
 * closes the channel). A new channel means a new consumer tag, so a delivery is current while its consumer tag is
 * the one of the latest delivery received; a stale one is not acked, since the broker delivers it again anyway.
 * One consumer (incoming channel) per service uses this bean.
 */
@ApplicationScoped
public class Deliveries {

    private volatile String currentConsumer;

    /** Call for every message as it arrives, before it is processed. */
    public void received(Message<?> message) {
        String consumer = consumerTag(message);
        if (consumer != null) {
            currentConsumer = consumer;
        }
    }

    /** Whether the message came over a channel that is gone (its ack would go astray). */
    public boolean stale(Message<?> message) {
        String consumer = consumerTag(message);
        return consumer != null && currentConsumer != null && !consumer.equals(currentConsumer);
    }

    /** Acks a current delivery; a stale one is left to its redelivery. A failed ack is not retried either. */
    public Uni<Void> ack(Message<?> message) {
        if (stale(message)) {
            Log.debugf("not acking a delivery of a previous channel; the broker delivers it again");
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(message::ack)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("ack failed, the message will be delivered again: %s", Failures.describe(failure));
                    return null;
                });
    }

    static String consumerTag(Message<?> message) {
        return message instanceof IncomingRabbitMQMessage<?> incoming ? incoming.message.consumerTag() : null;
    }
}
