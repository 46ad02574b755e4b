package dev.earshot.response.webhook.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.common.ConflictException;
import dev.earshot.response.common.Paging;
import dev.earshot.response.storage.StoredText;
import dev.earshot.web.ResourceNotFoundException;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Reads the delivery log of a subscription and sends a delivery again. */
@ApplicationScoped
public class DeliveryLog {

    private static final String COLUMNS = "d.id, o.event_id, o.event_type, d.status, d.attempts, d.next_attempt_at,"
            + " d.last_attempt_at, d.last_status_code, d.last_error, d.created_at, d.delivered_at,"
            + " o.task_id";
    private static final String FROM = " FROM webhook_delivery d JOIN webhook_outbox o ON o.id = d.outbox_id";

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    /** Newest first, older than the delivery {@code before} when given. */
    public Uni<Page<DeliveryViews.Delivery>> list(long subscriptionId, Long before, int limit) {
        return subscriptionEnabled(pool, subscriptionId, false).flatMap(enabled -> pool.preparedQuery("SELECT "
                + COLUMNS + FROM + " WHERE d.subscription_id = $1 AND ($2::bigint IS NULL OR d.id < $2)"
                + " ORDER BY d.id DESC LIMIT $3")
                .execute(StoredText.tuple(subscriptionId, before, limit + 1))
                .map(rows -> {
                    List<DeliveryViews.Delivery> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(delivery(row));
                    }
                    return Paging.page(items, limit, d -> d, last -> Long.toString(last.id()));
                }));
    }

    public Uni<DeliveryViews.DeliveryDetail> get(long subscriptionId, long deliveryId) {
        return subscriptionEnabled(pool, subscriptionId, false)
                .flatMap(enabled -> delivery(pool, subscriptionId, deliveryId))
                .flatMap(delivery -> pool.preparedQuery("SELECT attempted_at, status_code, error, duration_ms,"
                        + " response_body FROM webhook_attempt WHERE delivery_id = $1 ORDER BY id")
                        .execute(StoredText.tuple(deliveryId))
                        .map(rows -> {
                            List<DeliveryViews.Attempt> attempts = new ArrayList<>();
                            for (Row row : rows) {
                                attempts.add(new DeliveryViews.Attempt(instant(row, 0), row.getInteger(1),
                                        row.getString(2), row.getInteger(3), row.getString(4)));
                            }
                            return new DeliveryViews.DeliveryDetail(delivery, List.copyOf(attempts));
                        }));
    }

    /** Pending again, due now, with its attempts counted from zero; refused while the subscription is disabled. */
    public Uni<DeliveryViews.Delivery> redeliver(long subscriptionId, long deliveryId, Instant now) {
        return pool.withTransaction(conn -> subscriptionEnabled(conn, subscriptionId, true)
                .flatMap(enabled -> {
                    if (!enabled) {
                        return Uni.createFrom().failure(new ConflictException(
                                "webhook subscription " + subscriptionId + " is disabled; enable it first"));
                    }
                    return conn.preparedQuery("UPDATE webhook_delivery SET status = 'pending', attempts = 0,"
                            + " next_attempt_at = $3, delivered_at = NULL WHERE id = $1 AND subscription_id = $2")
                            .execute(StoredText.tuple(deliveryId, subscriptionId, WebhookDispatcher.time(now)))
                            .flatMap(r -> r.rowCount() == 0
                                    ? Uni.createFrom().failure(notFound(deliveryId))
                                    : delivery(conn, subscriptionId, deliveryId));
                }));
    }

    /**
     * Deletes events dispatched before {@code cutoff} that have no delivery still pending, with their
     * deliveries and attempts. Returns how many events went.
     */
    public Uni<Integer> purgeDispatchedBefore(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM webhook_outbox o WHERE o.dispatched_at < $1 AND NOT EXISTS"
                + " (SELECT 1 FROM webhook_delivery d WHERE d.outbox_id = o.id AND d.status = 'pending')")
                .execute(StoredText.tuple(WebhookDispatcher.time(cutoff))).map(r -> r.rowCount());
    }

    /** Whether the subscription is enabled; fails with 404 when there is none. */
    private static Uni<Boolean> subscriptionEnabled(SqlClient client, long subscriptionId, boolean lock) {
        return client.preparedQuery("SELECT enabled FROM webhook_subscription WHERE id = $1" + (lock ? " FOR SHARE" : ""))
                .execute(StoredText.tuple(subscriptionId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ResourceNotFoundException("no webhook subscription " + subscriptionId);
                    }
                    return rows.iterator().next().getBoolean(0);
                });
    }

    private static Uni<DeliveryViews.Delivery> delivery(SqlClient client, long subscriptionId, long deliveryId) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE d.id = $1 AND d.subscription_id = $2")
                .execute(StoredText.tuple(deliveryId, subscriptionId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(deliveryId);
                    }
                    return delivery(rows.iterator().next());
                });
    }

    private static ResourceNotFoundException notFound(long deliveryId) {
        return new ResourceNotFoundException("no delivery " + deliveryId + " for this webhook subscription");
    }

    private static DeliveryViews.Delivery delivery(Row row) {
        return new DeliveryViews.Delivery(row.getLong(0), row.getUUID(1).toString(), row.getString(2),
                row.getString(3), row.getInteger(4), instant(row, 5), instant(row, 6), row.getInteger(7),
                row.getString(8), instant(row, 9), instant(row, 10), row.getLong(11));
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
