package dev.earshot.response.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.storage.StoredText;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookFormat;
import dev.earshot.response.webhook.format.OutgoingMessage;
import dev.earshot.response.webhook.format.WebhookMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Delivers the outbox. Each run first fans new outbox rows out into one delivery per matching enabled
 * subscription (one transaction: the deliveries exist exactly when the row is marked dispatched), then
 * sends the deliveries that are due, a few at a time, and records every attempt. Rows are taken with
 * {@code FOR UPDATE SKIP LOCKED} and a due delivery is leased (its next attempt pushed out and the attempt
 * counted) before it is sent, so several replicas never send the same attempt.
 * <p>
 * Recording an attempt never loops and never touches another delivery: each attempt is recorded in its
 * own transaction; when that fails, a minimal record without the receiver's text (the outcome, the
 * attempt count, why the details are missing) is written instead; and when even that fails (the
 * database is gone), the attempt was already counted by the lease, so the delivery is sent again when
 * the lease runs out and given up once {@code max-attempts} were counted. A failure of one delivery never
 * cancels or repeats the others of its batch.
 * <p>
 * Outcomes: 2xx delivered; 408, 425, 429, 5xx and no answer retried with exponential backoff and full
 * jitter (the receiver's Retry-After wins) until {@code max-attempts}; 404 and 410 fail the delivery and
 * disable the subscription with its other pending deliveries; an address the guard refuses and any other
 * answer fail without retry.
 */
@ApplicationScoped
public class WebhookDispatcher {

    static final int FAN_OUT_BATCH = 100;
    /** Bounds one run, so a backlog does not hold the scheduler forever; the next run continues. */
    static final int MAX_BATCHES_PER_RUN = 50;
    static final int ERROR_LIMIT = 1000;
    static final int BODY_EXCERPT_LIMIT = 2000;

    private final Pool pool;
    private final WebhookSender sender;
    private final WebhookMessages messages;
    private final ObjectMapper mapper;
    private final DeliveryConfig config;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Duration lease;

    public WebhookDispatcher(Pool pool, WebhookSender sender, WebhookMessages messages, ObjectMapper mapper,
            DeliveryConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.sender = sender;
        this.messages = messages;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(),
                bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
        // Longer than a send can take: every hop (the first request and each redirect) is bounded by 3 timeouts.
        this.lease = config.timeout().multipliedBy(3L * (WebhookSender.MAX_REDIRECTS + 1)).plusSeconds(30);
    }

    @Scheduled(every = "${earshot.webhooks.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> run() {
        return dispatchOnce()
                .onFailure().invoke(e -> Log.warnf(e, "webhook dispatch failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One pass: fan out the new outbox rows, then send what is due. */
    public Uni<Void> dispatchOnce() {
        return fanOut(0).flatMap(n -> giveUpExhausted()).flatMap(n -> sendDue(0)).replaceWithVoid();
    }

    /**
     * Fails the deliveries whose lease ran out after their last allowed attempt was counted: that
     * attempt's outcome could not be recorded, and no further attempt is allowed.
     */
    Uni<Integer> giveUpExhausted() {
        return pool.preparedQuery("UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL,"
                + " last_error = 'gave up after ' || attempts || ' attempts; the outcome of the last one was not recorded'"
                + " WHERE status = 'pending' AND next_attempt_at <= $1 AND attempts >= $2")
                .execute(StoredText.tuple(time(now()), config.maxAttempts()))
                .map(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.warnf("webhook: %d deliveries given up after %d attempts whose last outcome was not"
                                + " recorded", rows.rowCount(), config.maxAttempts());
                    }
                    return rows.rowCount();
                });
    }

    private Uni<Integer> fanOut(int batches) {
        return fanOutBatch().flatMap(n -> n == FAN_OUT_BATCH && batches + 1 < MAX_BATCHES_PER_RUN
                ? fanOut(batches + 1)
                : Uni.createFrom().item(n));
    }

    private record Subscription(long id, SubscriptionMatcher.Filter filter) {
    }

    /** Fans out at most one batch of outbox rows; returns how many rows it took. */
    Uni<Integer> fanOutBatch() {
        Instant now = now();
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, event_id, payload FROM webhook_outbox"
                + " WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(StoredText.tuple(FAN_OUT_BATCH))
                .flatMap(outbox -> {
                    if (outbox.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    return conn.query("SELECT id, events, min_tier, teams, intents, sources, rules"
                            + " FROM webhook_subscription WHERE enabled ORDER BY id").execute()
                            .flatMap(subscriptions -> fanOutRows(conn, outbox, subscriptions, now));
                }));
    }

    private Uni<Integer> fanOutRows(SqlConnection conn, RowSet<Row> outbox, RowSet<Row> subscriptionRows,
            Instant now) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (Row row : subscriptionRows) {
            subscriptions.add(new Subscription(row.getLong(0), new SubscriptionMatcher.Filter(
                    strings(row, 1), row.getString(2), strings(row, 3), strings(row, 4), strings(row, 5),
                    strings(row, 6))));
        }
        List<Long> outboxIds = new ArrayList<>();
        List<Long> deliveryOutboxIds = new ArrayList<>();
        List<Long> deliverySubscriptionIds = new ArrayList<>();
        for (Row row : outbox) {
            long outboxId = row.getLong(0);
            outboxIds.add(outboxId);
            WebhookEvent event;
            try {
                event = mapper.readValue(row.getString(2), WebhookEvent.class);
            } catch (JsonProcessingException e) {
                Log.warnf("webhook outbox row %d (event %s) is not a readable event; not delivered", outboxId,
                        row.getUUID(1));
                continue;
            }
            for (Subscription subscription : subscriptions) {
                if (SubscriptionMatcher.matches(subscription.filter(), event)) {
                    deliveryOutboxIds.add(outboxId);
                    deliverySubscriptionIds.add(subscription.id());
                }
            }
        }
        OffsetDateTime at = time(now);
        Uni<Void> insert = deliveryOutboxIds.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("INSERT INTO webhook_delivery (outbox_id, subscription_id, status, attempts,"
                        + " next_attempt_at, created_at) SELECT o, s, 'pending', 0, $3, $3"
                        + " FROM unnest($1::bigint[], $2::bigint[]) AS d(o, s)"
                        + " ON CONFLICT (outbox_id, subscription_id) DO NOTHING")
                        .execute(StoredText.tuple(deliveryOutboxIds.toArray(new Long[0]),
                                deliverySubscriptionIds.toArray(new Long[0]), at))
                        .replaceWithVoid();
        return insert
                .flatMap(v -> conn.preparedQuery("UPDATE webhook_outbox SET dispatched_at = $1 WHERE id = ANY ($2)")
                        .execute(StoredText.tuple(at, outboxIds.toArray(new Long[0]))))
                .map(r -> outboxIds.size());
    }

    private Uni<Integer> sendDue(int batches) {
        return sendDueBatch().flatMap(n -> n == config.maxInFlight() && batches + 1 < MAX_BATCHES_PER_RUN
                ? sendDue(batches + 1)
                : Uni.createFrom().item(n));
    }

    /**
     * A delivery leased for one attempt, with what it takes to send it; {@code attempts} counts this
     * attempt already.
     */
    record Due(long id, int attempts, String eventId, String payload, long subscriptionId, String url,
            String format, List<String> secrets, boolean enabled) {
    }

    /**
     * Leases up to max-in-flight due deliveries (counting the attempt), sends them concurrently; returns how
     * many it took.
     */
    Uni<Integer> sendDueBatch() {
        Instant now = now();
        return pool.preparedQuery("WITH due AS (SELECT id FROM webhook_delivery"
                + " WHERE status = 'pending' AND next_attempt_at <= $1 AND attempts < $4"
                + " ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED),"
                + " leased AS (UPDATE webhook_delivery d SET next_attempt_at = $3, attempts = d.attempts + 1"
                + " FROM due WHERE d.id = due.id"
                + " RETURNING d.id, d.attempts, d.outbox_id, d.subscription_id)"
                + " SELECT l.id, l.attempts, o.event_id, o.payload, s.id, s.url, s.format, s.secrets, s.enabled"
                + " FROM leased l JOIN webhook_outbox o ON o.id = l.outbox_id"
                + " JOIN webhook_subscription s ON s.id = l.subscription_id ORDER BY l.id")
                .execute(StoredText.tuple(time(now), config.maxInFlight(), time(now.plus(lease)), config.maxAttempts()))
                .flatMap(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getLong(0), row.getInteger(1), row.getUUID(2).toString(),
                                row.getString(3), row.getLong(4), row.getString(5), row.getString(6),
                                strings(row, 7), row.getBoolean(8)));
                    }
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUni(this::attempt).merge(config.maxInFlight())
                            .collect().asList()
                            .map(done -> due.size());
                });
    }

    /** What became of one attempt. */
    enum Outcome {
        DELIVERED("delivered"), RETRY("retry"), FAILED("failed"), REFUSED("refused"), DISABLED("disabled");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    /** Sends and records one attempt; never fails, so one delivery cannot cancel the rest of its batch. */
    private Uni<Void> attempt(Due due) {
        return send(due).onFailure().recoverWithItem(e -> {
            Log.errorf(e, "webhook delivery %d: attempt %d ended without a record; sent again when its lease"
                    + " runs out, at most %d attempts in all", due.id(), due.attempts(), config.maxAttempts());
            return null;
        });
    }

    private Uni<Void> send(Due due) {
        Instant attemptedAt = now();
        if (!due.enabled()) {
            return finish(due, attemptedAt, new SendResult(null, "subscription disabled", null, null, 0),
                    Outcome.FAILED);
        }
        OutgoingMessage message;
        try {
            WebhookFormat format = WebhookFormat.fromId(due.format())
                    .orElseThrow(() -> new IllegalStateException("unknown format " + due.format()));
            WebhookEvent event = mapper.readValue(due.payload(), WebhookEvent.class);
            message = messages.render(format, due.secrets(), event, attemptedAt);
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = "cannot render the event: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
            return finish(due, attemptedAt, new SendResult(null, reason, null, null, 0), Outcome.FAILED);
        }
        return sender.send(due.url(), message)
                .flatMap(result -> finish(due, attemptedAt, result, outcome(due, result)));
    }

    Outcome outcome(Due due, SendResult result) {
        if (result.success()) {
            return Outcome.DELIVERED;
        }
        if (result.refused()) {
            return Outcome.REFUSED;
        }
        Integer status = result.statusCode();
        if (status != null && (status == 404 || status == 410)) {
            return Outcome.DISABLED;
        }
        boolean retryable = status == null || status == 408 || status == 425 || status == 429 || status >= 500;
        return retryable && due.attempts() < config.maxAttempts() ? Outcome.RETRY : Outcome.FAILED;
    }

    private Uni<Void> finish(Due due, Instant attemptedAt, SendResult result, Outcome outcome) {
        int attempts = due.attempts();
        Instant now = now();
        String error = cut(result.error() != null ? result.error()
                : result.success() ? null : "HTTP " + result.statusCode(), ERROR_LIMIT);
        Instant next = outcome == Outcome.RETRY
                ? now.plus(backoff.delay(attempts, result.retryAfter())).truncatedTo(ChronoUnit.MICROS)
                : null;
        return record(due, attemptedAt, result.statusCode(), error, (int) Math.min(Integer.MAX_VALUE,
                result.durationMillis()), cut(result.body(), BODY_EXCERPT_LIMIT), outcome, next, now)
                .onFailure().recoverWithUni(e -> {
                    Log.errorf(e, "webhook delivery %d: recording attempt %d failed; recorded without its details",
                            due.id(), attempts);
                    String reason = "the attempt's details could not be recorded: " + cut(
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 200);
                    return record(due, attemptedAt, result.statusCode(), reason,
                            (int) Math.min(Integer.MAX_VALUE, result.durationMillis()), null, outcome, next, now);
                })
                .invoke(() -> {
                    registry.counter("earshot.webhook.deliveries", "format", due.format(), "outcome", outcome.tag)
                            .increment();
                    if (outcome != Outcome.DELIVERED) {
                        Log.warnf("webhook delivery %d of event %s to subscription %d: %s (attempt %d, %s)%s",
                                due.id(), due.eventId(), due.subscriptionId(), outcome.tag, attempts, error,
                                next == null ? "" : ", next attempt at " + next);
                    }
                });
    }

    /** Writes one attempt and the delivery's new state in one transaction. */
    private Uni<Void> record(Due due, Instant attemptedAt, Integer statusCode, String error, int durationMillis,
            String body, Outcome outcome, Instant next, Instant now) {
        String status = switch (outcome) {
            case DELIVERED -> "delivered";
            case RETRY -> "pending";
            default -> "failed";
        };
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO webhook_attempt (delivery_id,"
                + " attempted_at, status_code, error, duration_ms, response_body) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(StoredText.tuple(due.id(), time(attemptedAt), statusCode, error, durationMillis, body))
                .flatMap(r -> conn.preparedQuery("UPDATE webhook_delivery SET status = $2, attempts = $3,"
                        + " next_attempt_at = $4, last_attempt_at = $5, last_status_code = $6, last_error = $7,"
                        + " delivered_at = $8 WHERE id = $1 AND status = 'pending'")
                        .execute(StoredText.tuple(due.id(), status, due.attempts(), time(next), time(attemptedAt),
                                statusCode, error, outcome == Outcome.DELIVERED ? time(now) : null)))
                .flatMap(r -> outcome == Outcome.DISABLED ? disable(conn, due, statusCode, now)
                        : Uni.createFrom().voidItem()));
    }

    /** The endpoint is gone: disable the subscription and fail what else was waiting for it. */
    private Uni<Void> disable(SqlConnection conn, Due due, Integer statusCode, Instant now) {
        String reason = "HTTP " + statusCode + " at " + now + " (delivery " + due.id() + ")";
        return conn.preparedQuery("UPDATE webhook_subscription SET enabled = false, disabled_reason = $2,"
                + " version = version + 1, updated_at = $3 WHERE id = $1 AND enabled")
                .execute(StoredText.tuple(due.subscriptionId(), reason, time(now)))
                .flatMap(r -> conn.preparedQuery("UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL,"
                        + " last_error = $3 WHERE subscription_id = $1 AND status = 'pending' AND id <> $2")
                        .execute(StoredText.tuple(due.subscriptionId(), due.id(), "subscription disabled: " + reason)))
                .invoke(r -> Log.warnf("webhook subscription %d disabled: %s; %d pending deliveries failed",
                        due.subscriptionId(), reason, r.rowCount()))
                .replaceWithVoid();
    }

    static List<String> strings(Row row, int column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? List.of() : List.of(values);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
