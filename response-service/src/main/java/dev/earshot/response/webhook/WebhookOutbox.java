package dev.earshot.response.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.storage.StoredText;
import dev.earshot.response.task.MentionEntity;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.webhook.delivery.DeliveryConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into the transactional outbox. Callers are inside the transaction of the change that
 * causes the event, so the event exists exactly when the change is committed: never lost, never
 * invented. The dispatcher delivers them afterwards.
 */
@ApplicationScoped
public class WebhookOutbox {

    static final int EXCERPT_LIMIT = 500;

    private final ObjectMapper mapper;
    private final Optional<String> taskUrl;

    public WebhookOutbox(ObjectMapper mapper, DeliveryConfig config) {
        this.mapper = mapper;
        this.taskUrl = config.taskUrl();
    }

    /** An event to add and the task it is about (null for a spike). */
    public record Entry(WebhookEvent event, Long taskId) {
    }

    /** Adds a task event; {@code latest} is the newest post of the task (null when unknown). */
    public Uni<Void> taskEvent(WebhookEventType type, TaskEntity task, MentionEntity latest, String previousTier,
            Instant now) {
        return addAll(List.of(entry(type, task, latest, previousTier, now)));
    }

    /** A task event, its snapshot of the task taken now; {@code latest} is the newest post (null when unknown). */
    public Entry entry(WebhookEventType type, TaskEntity task, MentionEntity latest, String previousTier, Instant now) {
        return new Entry(new WebhookEvent(UUID.randomUUID().toString(), type.id(), now,
                snapshot(task, latest, previousTier, now), null), task.id);
    }

    /** Adds any event, in the caller's transaction. */
    public Uni<Void> add(WebhookEvent event, Long taskId) {
        return addAll(List.of(new Entry(event, taskId)));
    }

    /**
     * Adds events in one statement, in the caller's transaction, in the list's order: the dispatcher takes them in
     * id order, so the events of a task go out in the order they happened.
     */
    public Uni<Void> addAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        try {
            for (Entry entry : entries) {
                WebhookEvent event = entry.event();
                rows.add(StoredText.row("n", rows.size(), "event_id", event.id(), "event_type", event.type(),
                        "task_id", entry.taskId(), "payload", mapper.writeValueAsString(event),
                        "created_at", event.occurredAt().toString()));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write a webhook event", e));
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO webhook_outbox (event_id, event_type, task_id, payload, created_at)
                SELECT r.event_id, r.event_type, r.task_id, r.payload, r.created_at
                FROM jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r(n int, event_id uuid,
                     event_type text, task_id bigint, payload text, created_at timestamptz)
                ORDER BY r.n
                """)
                .setParameter("rows", StoredText.rows(mapper, rows))
                .executeUpdate())
                .replaceWithVoid();
    }

    public WebhookEvent.TaskSnapshot snapshot(TaskEntity task, MentionEntity latest, String previousTier,
            Instant now) {
        return new WebhookEvent.TaskSnapshot(
                task.id,
                task.tier,
                previousTier,
                task.priorityScore,
                copy(task.priorityReasons),
                task.status.wire(),
                task.team,
                task.source,
                task.title,
                latest != null && latest.permalink != null ? latest.permalink : task.permalink,
                taskUrl.map(t -> t.replace("{id}", Long.toString(task.id))).orElse(null),
                latest != null && latest.authorHandle != null ? latest.authorHandle : task.authorHandle,
                latest == null ? null : latest.authorFollowers,
                latest == null ? null : excerpt(latest.text),
                task.sentimentLabel,
                latest == null ? null : latest.sentimentScore,
                copy(task.intents),
                copy(task.matchedRules),
                task.mentionCount,
                task.needsReply,
                task.slaDueAt,
                task.secondsToBreach(now),
                task.assignee,
                task.replyUrl,
                task.status == TaskStatus.RESOLVED ? task.firstResponseBy != null ? task.firstResponseBy : task.assignee
                        : null,
                task.lastReplyBy);
    }

    /** At most {@link #EXCERPT_LIMIT} characters, cut at a word boundary with an ellipsis. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT_LIMIT) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', EXCERPT_LIMIT - 1);
        if (cut < EXCERPT_LIMIT / 2) {
            cut = EXCERPT_LIMIT - 1;
        }
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut -= 1;
        }
        return flat.substring(0, cut).stripTrailing() + "…";
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
