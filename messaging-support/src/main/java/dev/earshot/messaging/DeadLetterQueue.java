package dev.earshot.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * A consumer's dead-letter queue: the consumer puts what it can never process there itself (the original body
 * and properties, the reason in a header), and an operator lists it and moves messages back to the consumer's
 * queue after a fix. Messages go back through the default exchange straight to the queue, so a replay reaches
 * this consumer only, and carry a replay count.
 */
public final class DeadLetterQueue {

    /** Why the message was dead-lettered, in words. */
    public static final String REASON = "x-earshot-reason";
    /** The queue it was consumed from. */
    public static final String SOURCE_QUEUE = "x-earshot-queue";
    /** When it was dead-lettered (ISO-8601). */
    public static final String FAILED_AT = "x-earshot-failed-at";
    /** How often it was moved back to its queue. */
    public static final String REPLAYS = "x-earshot-replays";

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);
    static final int MAX_REASON = 1_000;
    static final int EXCERPT = 300;

    /** One dead letter as listed. */
    public record Entry(String messageId, String type, String reason, String failedAt, int replays, int bodyBytes,
            String bodyExcerpt) {
    }

    /** A look at the queue: its depth and the first entries. */
    public record Listing(String queue, String deadLetterQueue, long depth, List<Entry> entries) {
    }

    /** What a replay did. */
    public record Replay(String queue, int replayed, long left, List<String> replayedIds) {
    }

    private final BrokerConnection broker;
    private final ConfirmedPublisher publisher;
    private final String queue;
    private final String deadLetterQueue;

    public DeadLetterQueue(BrokerConnection broker, ConfirmedPublisher publisher, String queue, String deadLetterQueue) {
        this.broker = broker;
        this.publisher = publisher;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    public String queue() {
        return queue;
    }

    public String name() {
        return deadLetterQueue;
    }

    /** The dead letter of a message consumed from the queue: same body and properties, the reason in a header. */
    public OutgoingMessage deadLetter(byte[] body, String messageId, String type, String contentType,
            Map<String, Object> headers, String reason, Instant now) {
        Map<String, Object> dead = new HashMap<>();
        if (headers != null) {
            headers.forEach((key, value) -> {
                if (value != null) {
                    dead.put(key, value);
                }
            });
        }
        dead.put(REASON, clip(reason == null ? "unknown" : reason, MAX_REASON));
        dead.put(SOURCE_QUEUE, queue);
        dead.put(FAILED_AT, now.toString());
        String id = messageId == null || messageId.isBlank() ? "unidentified-" + now.toEpochMilli() : messageId;
        return new OutgoingMessage("", deadLetterQueue, id, type, body == null ? new byte[0] : body, dead, now,
                contentType);
    }

    /**
     * Puts a message consumed from the queue into the dead-letter queue (same body and properties, the reason in
     * a header), then acks it through {@code deliveries} (a stale delivery is left to its redelivery); the publish
     * is retried while the broker is away, so the message is never dropped.
     * Its id there: {@code id} where the body had one, else the AMQP message id.
     */
    public Uni<Void> deadLetterAndAck(Message<byte[]> message, String id, String reason, Outages outages,
            Deliveries deliveries) {
        LOG.warnf("dead-lettering %s to %s: %s", id == null ? "a message without id" : id, deadLetterQueue, reason);
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        String amqpId = metadata == null ? null : metadata.getMessageId().orElse(null);
        OutgoingMessage dead = deadLetter(message.getPayload(), id != null ? id : amqpId,
                metadata == null ? null : metadata.getType().orElse(null),
                metadata == null ? null : metadata.getContentType().orElse(null),
                metadata == null ? Map.of() : metadata.getHeaders(), reason, Instant.now());
        return outages.retryWhileTransient("dead-lettering to " + deadLetterQueue, () -> Uni.createFrom().<Void> item(() -> {
            publisher.publishOrThrow(List.of(dead));
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()), failure -> false)
                .chain(() -> deliveries.ack(message));
    }

    /** The depth and up to {@code limit} entries, oldest first; the messages stay where they are. */
    public Listing list(int limit) throws IOException {
        Channel channel = broker.openChannel();
        try {
            long depth = channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, depth); i++) {
                GetResponse message = channel.basicGet(deadLetterQueue, false);
                if (message == null) {
                    break;
                }
                entries.add(entry(message));
            }
            return new Listing(queue, deadLetterQueue, depth, entries);
        } finally {
            close(channel); // unacknowledged gets go back to the queue, in their order
        }
    }

    /**
     * Moves dead letters back to the queue: those with the given message ids, or every one when {@code ids} is
     * empty, at most {@code max}. A message is removed from the dead-letter queue only after its copy was
     * confirmed into the queue.
     */
    public Replay replay(Set<String> ids, int max) throws IOException {
        Channel channel = broker.openChannel();
        List<String> replayed = new ArrayList<>();
        try {
            long depth = channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            for (long i = 0; i < depth && replayed.size() < max; i++) {
                GetResponse message = channel.basicGet(deadLetterQueue, false);
                if (message == null) {
                    break;
                }
                AMQP.BasicProperties props = message.getProps();
                String id = props.getMessageId();
                if (!ids.isEmpty() && !ids.contains(id)) {
                    continue; // not asked for: requeued when the channel closes
                }
                Map<String, Object> headers = new HashMap<>();
                if (props.getHeaders() != null) {
                    props.getHeaders().forEach((key, value) -> {
                        if (value != null && !key.equals(REASON) && !key.equals("x-death")) {
                            headers.put(key, value);
                        }
                    });
                }
                headers.put(REPLAYS, replays(props) + 1);
                headers.put("x-earshot-last-reason", reason(props));
                publisher.publishOrThrow(List.of(new OutgoingMessage("", queue,
                        id == null ? "unidentified-" + Instant.now().toEpochMilli() : id, props.getType(),
                        message.getBody(), headers, Instant.now(), props.getContentType())));
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                replayed.add(id);
            }
            close(channel);
            long left = depthNow();
            return new Replay(queue, replayed.size(), left, replayed);
        } finally {
            close(channel);
        }
    }

    /** The number of messages in the dead-letter queue now. */
    public long depthNow() throws IOException {
        Channel channel = broker.openChannel();
        try {
            return channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
        } finally {
            close(channel);
        }
    }

    private static Entry entry(GetResponse message) {
        AMQP.BasicProperties props = message.getProps();
        byte[] body = message.getBody() == null ? new byte[0] : message.getBody();
        String excerpt = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8);
        return new Entry(props.getMessageId(), props.getType(), reason(props), header(props, FAILED_AT),
                replays(props), body.length, printable(clip(excerpt, EXCERPT)));
    }

    /** Our reason header, or what the broker wrote when it dead-lettered the message itself. */
    static String reason(AMQP.BasicProperties props) {
        String reason = header(props, REASON);
        if (reason != null) {
            return reason;
        }
        Object deaths = props.getHeaders() == null ? null : props.getHeaders().get("x-death");
        if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> death) {
            return "dead-lettered by the broker: " + death.get("reason") + " from queue " + death.get("queue");
        }
        return "unknown";
    }

    private static String header(AMQP.BasicProperties props, String name) {
        Object value = props.getHeaders() == null ? null : props.getHeaders().get(name);
        return value == null ? null : value.toString();
    }

    private static int replays(AMQP.BasicProperties props) {
        Object value = props.getHeaders() == null ? null : props.getHeaders().get(REPLAYS);
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\n' ? '\uFFFD' : c));
        return out.toString();
    }

    private static void close(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // already closed by the broker or the connection: its unacknowledged messages are requeued anyway
        }
    }
}
