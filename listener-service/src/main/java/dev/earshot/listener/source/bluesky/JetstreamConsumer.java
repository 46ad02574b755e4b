package dev.earshot.listener.source.bluesky;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.lease.FeedLeases;
import dev.earshot.listener.model.Mention;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.listener.pipeline.ListenerMetrics;
import dev.earshot.listener.source.CursorStore;
import dev.earshot.listener.source.Feed;
import dev.earshot.listener.source.MentionIngest;
import dev.earshot.listener.source.SourceActivity;
import dev.earshot.listener.source.post.MalformedPostException;
import dev.earshot.listener.source.post.PostChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Reads the keyless Jetstream stream of new Bluesky posts ({@code app.bsky.feed.post} commits) over a
 * WebSocket, turns each created post into a mention and hands them on in batches (by count or time) to
 * {@link MentionIngest}, which matches every rule locally and drops what no rule wants. After a batch is
 * ingested its newest {@code time_us} is stored; a reconnect resumes a few seconds before it (the dedup
 * drops the overlap), with a doubling back-off. One batch is ingested at a time; while one is in flight and
 * the buffer is full the socket is paused, so a slow broker slows the stream instead of filling memory.
 * Socket messages, the batch timer and ingest completions may run on different threads: the buffer is
 * guarded by this object's lock.
 *
 * <p>The stream is one feed to the {@link FeedLeases}: only the replica holding its lease is connected; a
 * replica that loses the lease disconnects, and the one that takes it resumes from the stored cursor.
 */
@ApplicationScoped
public class JetstreamConsumer {

    public static final String SOURCE = "bluesky-jetstream";

    private final BlueskyConfig.Jetstream config;
    private final BlueskyPostMapper mapper;
    private final MentionIngest ingest;
    private final CursorStore cursors;
    private final SourceActivity activity;
    private final DeadLetterStore deadLetters;
    private final ListenerMetrics metrics;
    private final FeedLeases leases;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String instance;
    private final String cursorKey;
    private WebSocketClient client;
    private WebSocket socket;
    private final List<Mention> buffer = new ArrayList<>();
    private long bufferNewestTimeUs;
    private long bufferStartedAt;
    private boolean flushing;
    private int failedAttempts;
    private long flushTimer = -1;
    private long leaseTimer = -1;
    /** Neither connected nor connecting nor waiting to reconnect: connect as soon as the lease is ours. */
    private volatile boolean idle = true;
    private volatile boolean stopping;

    public JetstreamConsumer(BlueskyConfig config, BlueskyPostMapper mapper, MentionIngest ingest, CursorStore cursors,
            SourceActivity activity, DeadLetterStore deadLetters, ListenerMetrics metrics, FeedLeases leases,
            ObjectMapper json, Vertx vertx) {
        this.config = config.jetstream();
        this.mapper = mapper;
        this.ingest = ingest;
        this.cursors = cursors;
        this.activity = activity;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.leases = leases;
        this.json = json;
        this.vertx = vertx;
        URI uri = URI.create(this.config.url());
        this.instance = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        this.cursorKey = SOURCE + ":" + instance;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(config.maxMessageBytes())
                .setMaxFrameSize(Math.min(config.maxMessageBytes(), 65_536))
                .setConnectTimeout(10_000)
                .setTryUsePerMessageCompression(false));
        flushTimer = vertx.setPeriodic(Math.max(50, config.batchWait().toMillis() / 4), id -> flushIfDue());
        leases.want(SOURCE, List.of(new Feed(SOURCE, instance, cursorKey, "", List.of(), Map.of())));
        leaseTimer = vertx.setPeriodic(500, id -> followLease());
    }

    /** Connects when this replica got the stream's lease, disconnects when it lost it. */
    private void followLease() {
        boolean mine = leases.holds(cursorKey);
        WebSocket current = socket;
        if (mine && idle && !stopping) {
            idle = false;
            connect();
        } else if (!mine && current != null && !current.isClosed()) {
            Log.infof("bluesky-jetstream: another replica holds the stream now: disconnecting");
            current.close();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (flushTimer >= 0) {
            vertx.cancelTimer(flushTimer);
        }
        if (leaseTimer >= 0) {
            vertx.cancelTimer(leaseTimer);
        }
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** The cursor key under which the last ingested {@code time_us} is stored. */
    public String cursorKey() {
        return cursorKey;
    }

    private void connect() {
        if (stopping) {
            return;
        }
        if (!leases.holds(cursorKey)) {
            idle = true;
            return;
        }
        cursors.cursor(cursorKey).subscribe().with(stored -> vertx.runOnContext(ignored -> connect(stored)),
                failure -> retryLater("reading the cursor failed: " + failure.getMessage()));
    }

    private void connect(String stored) {
        URI uri = URI.create(config.url());
        boolean ssl = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        StringBuilder path = new StringBuilder(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append('?').append(uri.getRawQuery() == null ? "" : uri.getRawQuery() + "&")
                .append("wantedCollections=").append(BlueskyPostMapper.POST_COLLECTION);
        Long resumeFrom = resumeFrom(stored);
        if (resumeFrom != null) {
            path.append("&cursor=").append(resumeFrom);
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80)
                .setSsl(ssl)
                .setURI(path.toString());
        client.connect(options).onSuccess(ws -> {
            Log.infof("bluesky-jetstream: connected to %s%s", instance,
                    resumeFrom == null ? "" : " (resuming from time_us " + resumeFrom + ")");
            socket = ws;
            ws.textMessageHandler(this::onMessage);
            ws.exceptionHandler(failure -> Log.warnf("bluesky-jetstream: %s", failure.getMessage()));
            ws.closeHandler(ignored -> {
                socket = null;
                if (leases.holds(cursorKey)) {
                    retryLater("the stream closed");
                } else {
                    idle = true;
                }
            });
        }).onFailure(failure -> retryLater("connecting to " + instance + " failed: " + failure.getMessage()));
    }

    /** A few seconds before the stored cursor; null (live) without one. */
    private Long resumeFrom(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(stored.strip()) - config.rewind().toNanos() / 1_000);
        } catch (NumberFormatException e) {
            Log.warnf("bluesky-jetstream: unreadable cursor '%s' ignored", PostChecks.abbreviate(stored));
            return null;
        }
    }

    private void retryLater(String why) {
        if (stopping) {
            return;
        }
        failedAttempts++;
        long base = config.reconnectMin().toMillis();
        long wait = Math.min(config.reconnectMax().toMillis(), base << Math.min(16, failedAttempts - 1));
        Instant until = Instant.now().plusMillis(wait);
        Log.warnf("bluesky-jetstream: %s; reconnecting in %d ms", why, wait);
        activity.recordFailure(SOURCE, instance, why).chain(() -> activity.recordBackoff(SOURCE, instance, until))
                .subscribe().with(ignored -> {
                }, failure -> Log.debugf("bluesky-jetstream: recording the failure failed: %s", failure.getMessage()));
        vertx.setTimer(Math.max(1, wait), id -> connect());
    }

    private synchronized void onMessage(String text) {
        failedAttempts = 0;
        JsonNode event;
        try {
            event = json.readTree(text);
        } catch (Exception e) {
            reject("not a JSON event", text);
            return;
        }
        if (event == null || !event.isObject()) {
            reject("not a JSON object", text);
            return;
        }
        long timeUs = event.path("time_us").asLong(0);
        JsonNode commit = event.path("commit");
        if (!"commit".equals(event.path("kind").asText()) || !"create".equals(commit.path("operation").asText())
                || !BlueskyPostMapper.POST_COLLECTION.equals(commit.path("collection").asText())) {
            return;
        }
        try {
            String did = PostChecks.requiredText(event, "did");
            String rkey = PostChecks.requiredText(commit, "rkey");
            if (timeUs <= 0) {
                throw new MalformedPostException("missing field 'time_us'");
            }
            Mention mention = mapper.toMention(BlueskyPostMapper.postUri(did, rkey), commit.get("record"),
                    new BlueskyPostMapper.Author(did, null, null, null), BlueskyPostMapper.Counts.UNKNOWN, Instant.now());
            if (buffer.isEmpty()) {
                bufferStartedAt = System.nanoTime();
            }
            buffer.add(mention);
            bufferNewestTimeUs = Math.max(bufferNewestTimeUs, timeUs);
            metrics.fetched(SOURCE, instance, 1);
        } catch (MalformedPostException e) {
            reject(e.getMessage(), text);
            return;
        }
        if (buffer.size() >= config.batchSize()) {
            flush();
        }
    }

    private void reject(String reason, String raw) {
        metrics.rejected(SOURCE, instance);
        Log.warnf("bluesky-jetstream: event dead-lettered (%s)", reason);
        deadLetters.add(SOURCE, reason, raw, Instant.now()).subscribe().with(ignored -> {
        }, failure -> Log.errorf("bluesky-jetstream: dead-lettering failed: %s", failure.getMessage()));
    }

    private synchronized void flushIfDue() {
        if (!buffer.isEmpty() && System.nanoTime() - bufferStartedAt >= config.batchWait().toNanos()) {
            flush();
        }
    }

    private synchronized void flush() {
        if (flushing || buffer.isEmpty()) {
            if (flushing && buffer.size() >= config.batchSize() * 10L && socket != null) {
                socket.pause();
            }
            return;
        }
        flushing = true;
        List<Mention> batch = List.copyOf(buffer);
        long newestTimeUs = bufferNewestTimeUs;
        buffer.clear();
        Instant newestPostAt = batch.stream().map(Mention::createdAt).max(Instant::compareTo).orElse(null);
        ingest.ingest(batch)
                .chain(result -> {
                    if (result.failed() > 0) {
                        // claims of the failed posts were released: the cursor stays, a reconnect re-reads them
                        return activity.recordFailure(SOURCE, instance, result.failed() + " publishes failed")
                                .replaceWith(result);
                    }
                    return cursors.setCursor(cursorKey, Long.toString(newestTimeUs))
                            .chain(() -> activity.recordSuccess(SOURCE, instance, result.received(), result.published(),
                                    newestPostAt))
                            .replaceWith(result);
                })
                .subscribe().with(result -> afterFlush(),
                        failure -> {
                            Log.errorf("bluesky-jetstream: a batch of %d posts could not be ingested: %s", batch.size(),
                                    failure.getMessage());
                            afterFlush();
                            // the cursor did not move: reconnecting re-reads the batch
                            WebSocket current = socket;
                            if (current != null) {
                                current.close();
                            }
                        });
    }

    private synchronized void afterFlush() {
        flushing = false;
        if (socket != null) {
            socket.resume();
        }
        if (buffer.size() >= config.batchSize()) {
            flush();
        }
    }

    /** Whether the consumer is connected now (status and tests). */
    public boolean connected() {
        return socket != null && !socket.isClosed();
    }
}
