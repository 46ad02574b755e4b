package dev.earshot.response.task.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.task.api.TaskSummary;
import dev.earshot.response.task.repository.TaskRepository.QueuePosition;
import dev.earshot.response.task.repository.TaskRepository.TaskFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queue listing, the hottest read of the API, on the reactive PostgreSQL client of the same
 * datasource. Hibernate Reactive hydrates a 50-row page through an asynchronous loop per row and
 * column, several times the cost of the query itself (measured with JFR under the load benchmark);
 * a page of read-only summaries needs no persistence context, so it is read here directly.
 */
@ApplicationScoped
public class TaskQueueReader {

    private static final String COLUMNS = "id, conversation_id, source, title, permalink, status, priority_score, tier,"
            + " priority_reasons, sentiment_label, mention_count, negative_count, positive_count, first_mention_at,"
            + " last_mention_at, created_at, sla_due_at, first_response_at, team, assignee, needs_reply, intents,"
            + " author_handle, snoozed_until, version";

    private final Pool pool;

    public TaskQueueReader(Pool pool) {
        this.pool = pool;
    }

    /** One page in queue order (time to SLA breach, priority, id), after {@code after} when given. */
    public Uni<List<TaskSummary>> page(TaskFilter filter, QueuePosition after, int size, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM task WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.statuses() != null) {
            params.add(filter.statuses().toArray(new String[0]));
            sql.append(" AND status = ANY ($").append(params.size()).append(')');
        }
        if (filter.needsReply() != null) {
            params.add(filter.needsReply());
            sql.append(" AND needs_reply = $").append(params.size());
        }
        eq(sql, params, "team", filter.team());
        eq(sql, params, "tier", filter.tier());
        eq(sql, params, "source", filter.source());
        if (filter.intent() != null) {
            params.add(filter.intent());
            sql.append(" AND $").append(params.size()).append(" = ANY (intents)");
        }
        eq(sql, params, "sentiment_label", filter.sentiment());
        if (filter.unassigned()) {
            sql.append(" AND assignee IS NULL");
        } else {
            eq(sql, params, "assignee", filter.assignee());
        }
        if (filter.text() != null) {
            params.add("%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND search_text LIKE $").append(params.size()).append(" ESCAPE '\\'");
        }
        if (filter.authorHandle() != null) {
            params.add(filter.authorHandle());
            int author = params.size();
            sql.append(" AND id IN (SELECT task_id FROM mention WHERE source = task.source AND (author_handle = $")
                    .append(author).append(" OR author_id = $").append(author).append("))");
        }
        if (after != null) {
            params.add(OffsetDateTime.ofInstant(after.slaDueAt(), ZoneOffset.UTC));
            int due = params.size();
            params.add(after.priorityScore());
            int score = params.size();
            params.add(after.id());
            int id = params.size();
            sql.append(" AND (sla_due_at > $").append(due).append(" OR (sla_due_at = $").append(due)
                    .append(" AND (priority_score < $").append(score).append(" OR (priority_score = $").append(score)
                    .append(" AND id > $").append(id).append("))))");
        }
        params.add(size);
        sql.append(TaskRepository.QUEUE_ORDER).append(" LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<TaskSummary> page = new ArrayList<>(size);
            for (Row r : rows) {
                page.add(summary(r, now));
            }
            return page;
        });
    }

    private static void eq(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    private static TaskSummary summary(Row r, Instant now) {
        String status = r.getString("status");
        Instant slaDue = instant(r, "sla_due_at");
        Long secondsToBreach = r.getValue("first_response_at") != null || "resolved".equals(status)
                || "dismissed".equals(status) ? null : slaDue.getEpochSecond() - now.getEpochSecond();
        return new TaskSummary(r.getLong("id"), r.getString("conversation_id"), r.getString("source"),
                r.getString("title"), r.getString("permalink"), status, r.getDouble("priority_score"),
                r.getString("tier"), strings(r, "priority_reasons"), r.getString("sentiment_label"),
                r.getInteger("mention_count"), r.getInteger("negative_count"), r.getInteger("positive_count"),
                instant(r, "first_mention_at"), instant(r, "last_mention_at"), instant(r, "created_at"), slaDue,
                secondsToBreach, r.getString("team"), r.getString("assignee"), r.getBoolean("needs_reply"),
                strings(r, "intents"), r.getString("author_handle"), instant(r, "snoozed_until"), r.getLong("version"));
    }

    private static List<String> strings(Row r, String column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
