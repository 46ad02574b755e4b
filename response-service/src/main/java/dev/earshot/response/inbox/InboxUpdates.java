package dev.earshot.response.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.earshot.response.task.TaskChange;
import dev.earshot.response.task.TaskChangeObserver;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Tells open inbox pages that the queue changed: every {@link TaskChange} (a new task, any workflow action) goes to
 * every open page's server-sent event stream, which then reloads its rows. A change is sent as a PostgreSQL
 * {@code NOTIFY} in its own transaction, which PostgreSQL delivers only once that transaction committed, to every
 * replica's listening connection: a page never reloads before the change is visible, and sees the changes the other
 * replicas made (ingestion is spread over every replica's consumer). Bounded per page: changes are coalesced into
 * at most one event per {@link #WINDOW}, and a page that does not keep up loses events instead of buffering them
 * (the next one reloads everything anyway). While the listening connection is lost nothing is heard; once it listens
 * again every page is told to reload, so nothing committed meanwhile stays unseen.
 */
@ApplicationScoped
public class InboxUpdates implements TaskChangeObserver {

    static final Duration WINDOW = Duration.ofMillis(500);
    static final String CHANNEL = "earshot_task_changes";
    /** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more: ids go in chunks well below. */
    static final int PAYLOAD_LIMIT = 7_000;
    /** Not a task id: sent to every page when changes may have been missed (no task has id 0). */
    static final long MAY_HAVE_MISSED = 0L;

    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();
    private final Vertx vertx;
    private final String url;
    private final String username;
    private final String password;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;
    private final AtomicInteger connectAttempts = new AtomicInteger();

    public InboxUpdates(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void listen(@Observes StartupEvent start) {
        connect(0);
    }

    /** Opens the listening connection; a lost one is opened again by its reconnect policy, a first one by a retry. */
    private void connect(int attempt) {
        if (stopped) {
            return;
        }
        connectAttempts.incrementAndGet();
        PgSubscriber candidate = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(username)
                .setPassword(password))
                .reconnectPolicy(retries -> retryDelay(retries));
        AtomicBoolean firstListen = new AtomicBoolean(true);
        candidate.channel(CHANNEL).handler(this::received).subscribeHandler(() -> {
            if (!firstListen.getAndSet(false)) {
                listeningAgain();
            }
        });
        candidate.connect().subscribe().with(
                connected -> {
                    subscriber = candidate;
                    if (stopped) {
                        candidate.closeAndForget();
                    }
                    Log.debugf("inbox updates: listening on %s", CHANNEL);
                },
                failure -> {
                    Log.warnf("inbox updates: cannot listen yet, trying again (%s); open pages reload on their own",
                            failure.getMessage());
                    candidate.closeAndForget();
                    vertx.setTimer(retryDelay(attempt), timer -> connect(attempt + 1));
                });
    }

    /** How many times the listening connection was opened or tried (the first and its retries). */
    int connectAttempts() {
        return connectAttempts.get();
    }

    static long retryDelay(int attempt) {
        return Math.min(5_000L, 250L * (attempt + 1));
    }

    void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Notifies, in the change's transaction, every replica's pages of the tasks that changed. */
    @Override
    public Uni<Void> changed(List<TaskChange> batch) {
        Set<Long> ids = new LinkedHashSet<>();
        batch.forEach(change -> ids.add(change.task().id));
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (Long id : ids) {
            if (payload.length() > PAYLOAD_LIMIT) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.length() == 0 ? "" : ",").append(id);
        }
        payloads.add(payload.toString());
        return Panache.getSession().flatMap(session -> {
            Uni<Void> sent = Uni.createFrom().voidItem();
            for (String chunk : payloads) {
                sent = sent.call(() -> session.createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_notify('" + CHANNEL + "', :ids)) AS sent")
                        .setParameter("ids", chunk).getSingleResult());
            }
            return sent;
        });
    }

    /**
     * The listening connection is back after a loss: whatever changed meanwhile was notified to nobody, so every open
     * page is told the queue changed (it reloads its rows) instead of waiting for the next change.
     */
    void listeningAgain() {
        Log.info("inbox updates: listening again; open pages reload what they may have missed");
        changes.onNext(MAY_HAVE_MISSED);
    }

    void received(String payload) {
        for (String id : payload.split(",")) {
            try {
                changes.onNext(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                Log.debugf("inbox updates: not a task id in a notification: %s", id);
            }
        }
    }

    /** One page's stream: the ids that changed in each window (non-empty windows only), dropping what it cannot take. */
    Multi<List<Long>> stream() {
        return changes.onOverflow().drop()
                .group().intoLists().every(WINDOW)
                .filter(ids -> !ids.isEmpty())
                .onOverflow().drop();
    }
}
