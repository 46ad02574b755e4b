package dev.earshot.response.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.earshot.response.storage.StoredText;
import dev.earshot.response.task.TaskEntity;
import dev.earshot.response.task.TaskRepository.QueuePosition;
import dev.earshot.response.task.TaskRepository;
import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.response.task.TaskViews;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The queue listing, the hottest read of the API, on the reactive PostgreSQL client of the same
 * datasource. Hibernate Reactive hydrates a 50-row page through an asynchronous loop per row and
 * column, several times the cost of the query itself (measured with JFR under the load benchmark);
 * a page of read-only summaries needs no persistence context, so it is read here directly.
 */
@ApplicationScoped
public class TaskQueueReader {

    /** The summary's columns; {@code now} names the parameter holding the time (for the current viewers). */
    private static String columns(String now) {
        return "id, conversation_id, source, title, permalink, status, priority_score, tier,"
                + " priority_reasons, sentiment_label, mention_count, negative_count, positive_count, first_mention_at,"
                + " last_mention_at, created_at, sla_due_at, responded_at, team, assignee, needs_reply, intents,"
                + " author_handle, snoozed_until, version, snoozed_at, ingest_lag_seconds, reply_excerpt, reply_language,"
                + " ARRAY(SELECT v.viewer FROM task_viewer v WHERE v.task_id = task.id AND v.until > " + now
                + " ORDER BY v.viewer) AS viewers";
    }

    private final Pool pool;

    public TaskQueueReader(Pool pool) {
        this.pool = pool;
    }

    /** One page in queue order (SLA due time in 5-minute buckets, priority, id), after {@code after} when given. */
    public Uni<List<TaskSummary>> page(TaskFilter filter, QueuePosition after, int size, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT " + columns("$1") + " FROM task WHERE true");
        List<Object> params = new ArrayList<>();
        params.add(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        if (filter.statuses() != null) {
            params.add(filter.statuses().toArray(new String[0]));
            sql.append(" AND status = ANY ($").append(params.size()).append(')');
        }
        if (filter.needsReply() != null) {
            params.add(filter.needsReply());
            sql.append(" AND needs_reply = $").append(params.size());
        }
        in(sql, params, "team", filter.teams());
        in(sql, params, "tier", filter.tiers());
        in(sql, params, "source", filter.sources());
        if (filter.intents().size() == 1) {
            params.add(filter.intents().get(0));
            sql.append(" AND $").append(params.size()).append(" = ANY (intents)");
        } else if (!filter.intents().isEmpty()) {
            params.add(filter.intents().toArray(new String[0]));
            sql.append(" AND intents && $").append(params.size());
        }
        in(sql, params, "sentiment_label", filter.sentiments());
        if (filter.unassigned() && filter.assignees().isEmpty()) {
            sql.append(" AND assignee IS NULL");
        } else if (filter.unassigned()) {
            params.add(filter.assignees().toArray(new String[0]));
            sql.append(" AND (assignee IS NULL OR assignee = ANY ($").append(params.size()).append("))");
        } else {
            in(sql, params, "assignee", filter.assignees());
        }
        if (filter.text() != null) {
            params.add("%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND search_text LIKE $").append(params.size()).append(" ESCAPE '\\'");
        }
        if (filter.authorHandle() != null) {
            params.add(filter.authorHandle());
            int author = params.size();
            params.add(filter.sources().toArray(new String[0]));
            int sources = params.size();
            // the author's task ids first, then those rows: correlated with task.source, the subquery ran once per
            // task of the queue index's walk (about 1 s with 100,000 tasks; this form 13 ms, EXPLAIN ANALYZE)
            sql.append(" AND id = ANY (ARRAY(SELECT task_id FROM mention WHERE source = ANY ($").append(sources)
                    .append(") AND (lower(ltrim(author_handle, '@')) = lower(ltrim($").append(author)
                    .append(", '@')) OR author_id = $").append(author).append(")))");
        }
        if (after != null) {
            params.add(OffsetDateTime.ofInstant(after.slaDueAt(), ZoneOffset.UTC));
            int due = params.size();
            params.add(after.priorityScore());
            int score = params.size();
            params.add(after.id());
            int id = params.size();
            // sla_bucket >= is what the queue indexes can start their scan at; the rest breaks the ties
            sql.append(" AND sla_bucket >= $").append(due)
                    .append(" AND (sla_bucket > $").append(due).append(" OR (sla_bucket = $").append(due)
                    .append(" AND (priority_score < $").append(score).append(" OR (priority_score = $").append(score)
                    .append(" AND id > $").append(id).append("))))");
        }
        params.add(size);
        sql.append(TaskRepository.QUEUE_ORDER).append(" LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(StoredText.tuple(params)).map(rows -> {
            List<TaskSummary> page = new ArrayList<>(size);
            for (Row r : rows) {
                page.add(summary(r, now));
            }
            return page;
        });
    }

    /**
     * Claims the first open task that needs a reply (of one of {@code teams} when given), in queue order, for
     * {@code assignee} and writes its audit entry, in one statement (so one implicit transaction):
     * the row is taken FOR UPDATE SKIP LOCKED, so concurrent claimers never get the same task and
     * never wait for each other. Returns the claimed task's summary, or null when nothing is claimable.
     */
    public Uni<TaskSummary> claimNext(String assignee, List<String> teams, Instant now, String auditDetail) {
        return pool.preparedQuery(teams == null ? CLAIM_NEXT : CLAIM_NEXT_OF_TEAM)
                .execute(teams == null ? StoredText.tuple(assignee, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), auditDetail)
                        : StoredText.tuple(assignee, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), auditDetail,
                                String.join(",", teams)))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? summary(it.next(), now) : null;
                });
    }

    /**
     * The same claim inside the caller's Hibernate Reactive transaction (with an Idempotency-Key, whose answer is
     * stored in that transaction): the same statement, parameters written {@code ?n} for Hibernate, the whole row
     * returned as the entity. Returns the claimed task's summary, or null when nothing is claimable.
     */
    public Uni<TaskSummary> claimNextInSession(String assignee, List<String> teams, Instant now, String auditDetail) {
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<TaskEntity> q = session.createNativeQuery(
                    claimNextSql(teams == null ? "" : TEAMS, "*").replace("$", "?"), TaskEntity.class)
                    .setParameter(1, assignee)
                    .setParameter(2, now)
                    .setParameter(3, auditDetail);
            if (teams != null) {
                q.setParameter(4, String.join(",", teams));
            }
            return q.getSingleResultOrNull().map(task -> task == null ? null : TaskViews.summary(task, now));
        });
    }

    /**
     * The one claim-next statement: picks the first open task that needs a reply in queue order (of a team when
     * {@code teamFilter} says so), skipping rows another transaction holds, claims it and writes its audit entry.
     * Parameters: $1 assignee, $2 now, $3 audit detail, $4 teams (comma-separated; team names have no comma).
     */
    private static String claimNextSql(String teamFilter, String columns) {
        return "WITH claimed AS (UPDATE task SET status = 'claimed', assignee = $1, claimed_at = $2, updated_at = $2,"
                + " version = version + 1"
                + " WHERE id = (SELECT id FROM task WHERE status = 'open' AND needs_reply" + teamFilter
                + TaskRepository.QUEUE_ORDER + " LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + columns + "),"
                + " audit AS (INSERT INTO task_event (task_id, actor, action, at, from_status, to_status, detail)"
                + " SELECT id, $1, 'claimed', $2, 'open', 'claimed', $3 FROM claimed)"
                + " SELECT * FROM claimed";
    }

    private static final String CLAIM_NEXT = claimNextSql("", columns("$2"));
    private static final String TEAMS = " AND team = ANY (string_to_array($4, ','))";
    private static final String CLAIM_NEXT_OF_TEAM = claimNextSql(TEAMS, columns("$2"));

    /**
     * {@code column} is one of {@code values} (no condition when empty): {@code = $n} for one value, the statement
     * the single-value listings have always used (its plan can follow the team's queue index), {@code = ANY ($n)}
     * for several.
     */
    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (values.size() == 1) {
            params.add(values.get(0));
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        } else if (!values.isEmpty()) {
            params.add(values.toArray(new String[0]));
            sql.append(" AND ").append(column).append(" = ANY ($").append(params.size()).append(')');
        }
    }

    /** Reads a row of {@link #columns} by position (a lookup by name hashes the name for every cell). */
    private static TaskSummary summary(Row r, Instant now) {
        String status = r.getString(5);
        Instant slaDue = instant(r, 16);
        Long secondsToBreach = TaskEntity.secondsToBreach(TaskStatus.of(status), instant(r, 17), slaDue,
                instant(r, 25), now);
        return new TaskSummary(r.getLong(0), r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), status, r.getDouble(6),
                r.getString(7), strings(r, 8), r.getString(9),
                r.getInteger(10), r.getInteger(11), r.getInteger(12),
                instant(r, 13), instant(r, 14), instant(r, 15), slaDue,
                secondsToBreach, r.getString(18), r.getString(19), r.getBoolean(20),
                strings(r, 21), r.getString(22), instant(r, 23), r.getLong(24),
                r.getDouble(26), r.getString(27), r.getString(28), strings(r, 29));
    }

    private static List<String> strings(Row r, int column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static Instant instant(Row r, int column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
