package dev.earshot.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * Batching for consumers that handle many messages at once (score and publish them with one round of confirms,
 * store them in one transaction). A consumer method returns {@link #of}'s subscriber from its {@code @Incoming}
 * method; the channel's prefetch ({@code max-outstanding-messages}) should be at least batch size x concurrency to
 * fill the batches.
 */
public final class Batches {

    private static final Logger LOG = Logger.getLogger(Batches.class);

    /**
     * Closed batches waiting for a free slot. They never hold more than the unacked messages the broker hands over
     * (the channel's prefetch), so this bound is never reached; it only keeps the linger timer from failing the
     * stream for lack of demand.
     */
    static final int WAITING_BATCHES = 10_000;

    private Batches() {
    }

    /**
     * A subscriber that closes a batch at {@code size} messages or after {@code linger}, and hands it to
     * {@code process}, at most {@code concurrency} batches at once. Every message is shown to {@code deliveries} as
     * it arrives; {@code process} acks (through {@link Deliveries#ack}, so a delivery of a previous channel is not
     * acked) or dead-letters each message itself and should not fail: a failure is logged, and its unacked messages
     * are delivered again when the connection closes.
     */
    public static <T> Flow.Subscriber<Message<T>> of(int size, Duration linger, int concurrency, Deliveries deliveries,
            Function<List<Message<T>>, Uni<Void>> process, String consumer) {
        UnicastProcessor<Message<T>> messages = UnicastProcessor.create();
        messages.invoke(deliveries::received).group().intoLists().of(size, linger)
                .onOverflow().buffer(WAITING_BATCHES)
                .onItem().transformToUni(batch -> process.apply(batch)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.errorf(failure, "%s: a batch of %d messages failed", consumer, batch.size());
                            return null;
                        }))
                .merge(concurrency)
                .subscribe().with(done -> {
                }, failure -> LOG.errorf(failure, "%s stopped", consumer));
        return messages;
    }
}
