package dev.earshot.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * Publishes batches of messages so that a message counts as sent only once it sits in a durable queue: every
 * message is persistent and published with the {@code mandatory} flag on a channel in confirm mode, and the
 * batch waits for one round of confirms. A message the broker returns (no queue bound for its routing key: the
 * consumer has not declared its queue yet, or it was deleted) or does not confirm in time is reported failed,
 * never silently dropped, so the caller keeps it and retries. RabbitMQ sends a message's {@code basic.return}
 * before its {@code basic.ack}, so the returns of a batch are all known once its confirms arrived.
 *
 * <p>Blocking: call it from a worker thread. Channels are pooled, one batch per channel at a time.
 */
public final class ConfirmedPublisher {

    private static final Logger LOG = Logger.getLogger(ConfirmedPublisher.class);
    private static final int PERSISTENT = 2;

    private final BrokerConnection broker;
    private final Duration confirmTimeout;
    private final Map<String, BuiltinExchangeType> exchanges;
    private final LinkedBlockingDeque<PublishChannel> idle = new LinkedBlockingDeque<>();

    /**
     * @param exchanges the exchanges this publisher sends to, declared (durable) on every new channel; the
     *            consumers declare the same ones with the same type, and their queues and bindings
     */
    public ConfirmedPublisher(BrokerConnection broker, Duration confirmTimeout, Map<String, BuiltinExchangeType> exchanges) {
        this.broker = broker;
        this.confirmTimeout = confirmTimeout;
        this.exchanges = Map.copyOf(exchanges);
    }

    /** Publishes the batch and answers, in order, what became of each message. Never throws. */
    public List<PublishOutcome> publish(List<OutgoingMessage> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String blocked = broker.blockedReason();
        if (blocked != null) {
            return allFailed(batch, "the broker blocks publishers (" + blocked + ")");
        }
        PublishChannel channel;
        try {
            channel = acquire();
        } catch (IOException | RuntimeException e) {
            return allFailed(batch, Failures.describe(e));
        }
        boolean reusable = false;
        try {
            channel.returned.clear();
            for (OutgoingMessage message : batch) {
                channel.channel.basicPublish(message.exchange(), message.routingKey(), true, properties(message),
                        message.body());
            }
            boolean allAcked = channel.channel.waitForConfirms(confirmTimeout.toMillis());
            List<PublishOutcome> outcomes = new ArrayList<>(batch.size());
            for (OutgoingMessage message : batch) {
                String returned = channel.returned.get(message.messageId());
                String failure = returned != null ? returned
                        : allAcked ? null : "the broker did not accept the batch (nack)";
                outcomes.add(new PublishOutcome(message, failure));
            }
            reusable = true;
            return outcomes;
        } catch (TimeoutException e) {
            return allFailed(batch, "not confirmed by the broker within " + confirmTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return allFailed(batch, "interrupted while waiting for the broker's confirms");
        } catch (IOException | RuntimeException e) {
            return allFailed(batch, Failures.describe(e));
        } finally {
            if (reusable && channel.channel.isOpen()) {
                idle.offerFirst(channel);
            } else {
                channel.close();
            }
        }
    }

    /** Publishes the batch; throws when any message of it was not confirmed into a queue. */
    public void publishOrThrow(List<OutgoingMessage> batch) {
        for (PublishOutcome outcome : publish(batch)) {
            if (!outcome.published()) {
                throw new PublishFailedException("message " + outcome.message().messageId() + " to exchange '"
                        + outcome.message().exchange() + "' with routing key '" + outcome.message().routingKey()
                        + "' not published: " + outcome.failure());
            }
        }
    }

    /** Whether the broker answers now (connects where needed). */
    public boolean brokerReachable() {
        return broker.ping();
    }

    private PublishChannel acquire() throws IOException {
        PublishChannel pooled;
        while ((pooled = idle.pollFirst()) != null) {
            if (pooled.channel.isOpen()) {
                return pooled;
            }
        }
        Channel channel = broker.openChannel();
        try {
            channel.confirmSelect();
            for (Map.Entry<String, BuiltinExchangeType> exchange : exchanges.entrySet()) {
                channel.exchangeDeclare(exchange.getKey(), exchange.getValue(), true);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        return new PublishChannel(channel);
    }

    private static AMQP.BasicProperties properties(OutgoingMessage message) {
        Map<String, Object> headers = message.headers().isEmpty() ? null : new HashMap<>(message.headers());
        return new AMQP.BasicProperties.Builder()
                .contentType(message.contentType())
                .deliveryMode(PERSISTENT)
                .messageId(message.messageId())
                .type(message.type())
                .timestamp(message.timestamp() == null ? null : Date.from(message.timestamp()))
                .headers(headers)
                .build();
    }

    private static List<PublishOutcome> allFailed(List<OutgoingMessage> batch, String reason) {
        List<PublishOutcome> outcomes = new ArrayList<>(batch.size());
        batch.forEach(message -> outcomes.add(new PublishOutcome(message, reason)));
        return outcomes;
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("closing a publish channel: %s", e.getMessage());
        }
    }

    /** A channel in confirm mode and the messages the broker returned on it (by message id). */
    private static final class PublishChannel {
        final Channel channel;
        final Map<String, String> returned = new ConcurrentHashMap<>();

        PublishChannel(Channel channel) {
            this.channel = channel;
            channel.addReturnListener(r -> returned.put(String.valueOf(r.getProperties().getMessageId()),
                    "returned by the broker: " + r.getReplyCode() + " " + r.getReplyText()
                            + " (no queue bound to exchange '" + r.getExchange() + "' for routing key '"
                            + r.getRoutingKey() + "')"));
        }

        void close() {
            closeQuietly(channel);
        }
    }
}
