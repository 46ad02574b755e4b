package dev.earshot.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Turns outages into waits. {@link #retryWhileTransient} runs a piece of work (store a message, publish it) and,
 * while it fails for a transient reason (the database, broker or Redis unreachable, a timeout, a serialization
 * failure), retries it with exponential back-off for as long as that lasts, instead of giving up on the message.
 * While some work waits, readiness is down with the reason, and one log line says when it starts and ends.
 */
@Singleton
public class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);

    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    public Outages(@ConfigProperty(name = "earshot.messaging.retry-min", defaultValue = "200ms") Duration minBackoff,
            @ConfigProperty(name = "earshot.messaging.retry-max", defaultValue = "10s") Duration maxBackoff) {
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * The work, retried with back-off while it fails transiently ({@link Failures#isTransient} or
     * {@code alsoTransient}); any other failure is passed on at once.
     */
    public <T> Uni<T> retryWhileTransient(String what, Supplier<Uni<? extends T>> work, Predicate<Throwable> alsoTransient) {
        Predicate<Throwable> transientFailure = failure -> Failures.isTransient(failure, alsoTransient);
        return Uni.createFrom().<T> deferred(work)
                .onFailure(transientFailure).invoke(failure -> waiting(what, failure))
                .onFailure(transientFailure).retry().withBackOff(minBackoff, maxBackoff).withJitter(0.2).indefinitely()
                .invoke(() -> flowing(what));
    }

    /** Marks the work as waiting on an outage (readiness down) until {@link #flowing} is called. */
    public void waiting(String what, Throwable failure) {
        String reason = Failures.describe(failure);
        if (waiting.put(what, reason) == null) {
            LOG.warnf("%s waits for an outage to end, retrying with back-off: %s", what, reason);
        }
    }

    public void flowing(String what) {
        if (waiting.remove(what) != null) {
            LOG.infof("%s flows again", what);
        }
    }

    public boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    /** What waits now, and why. */
    public Map<String, String> waiting() {
        return Map.copyOf(waiting);
    }
}
