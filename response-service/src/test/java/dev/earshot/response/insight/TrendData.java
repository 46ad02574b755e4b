package dev.earshot.response.insight;

import static dev.earshot.response.task.TestData.conversation;
import static dev.earshot.response.task.TestData.mentionId;
import static dev.earshot.response.task.TestData.scored;

import java.time.LocalDate;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.Ingest;
import dev.earshot.response.task.TaskIngestion;
import dev.earshot.response.task.TestData;

/**
 * Four tasks on two fixed days, their times written straight into the database, for the KPI trend tests (the API's
 * and the Insights page's). On {@link #D1} (a Monday): support's t1, answered by ann after 10 minutes within its SLA and
 * resolved an hour after creation, and t2, answered by bob after 30 minutes after its SLA, still open; a follow-up
 * post of t1's customer after the reply. On {@link #D2}: product's t3, answered by ann after 60 minutes within its SLA
 * and resolved after 4 hours, and t4, unanswered, its SLA expired at noon. All P2 and needing a reply; posts
 * negative but t3's and the follow-up (positive); rules acme on t1, t2, t3 and outage on t2; source "test".
 */
public final class TrendData {

    public static final LocalDate D1 = LocalDate.of(2026, 3, 2);
    public static final LocalDate D2 = D1.plusDays(1);

    private TrendData() {
    }

    public static void seed(DataSource dataSource, TaskIngestion ingestion, ObjectMapper mapper) {
        TestData.truncate(dataSource);
        String d1 = D1 + " ";
        String d2 = D2 + " ";
        task(dataSource, ingestion, mapper, true, "support", d1 + "09:00", d1 + "10:00", d1 + "09:10", 600,
                true, "ann", "resolved", d1 + "10:00", "negative", "{acme}");
        task(dataSource, ingestion, mapper, false, "support", d1 + "09:00", d1 + "09:15", d1 + "09:30", 1800,
                false, "bob", "open", null, "negative", "{acme,outage}");
        task(dataSource, ingestion, mapper, false, "product", d2 + "08:00", d2 + "10:00", d2 + "09:00", 3600,
                true, "ann", "resolved", d2 + "12:00", "positive", "{acme}");
        task(dataSource, ingestion, mapper, false, "product", d2 + "08:00", d2 + "12:00", null, 0,
                false, null, "open", null, "negative", "{}");
    }

    /** A task of one post (with {@code followUp} a second, positive, ten minutes after the answer), as given. */
    private static void task(DataSource dataSource, TaskIngestion ingestion, ObjectMapper mapper, boolean followUp,
            String team, String created, String due, String answered, int seconds, boolean inSla, String by, String status,
            String resolved, String label, String rules) {
        String conversationId = conversation();
        String first = mentionId();
        Ingest.record(ingestion, mapper, scored(first, conversationId, 0.7, -0.5, 5000L));
        long id = TestData.taskId(dataSource, conversationId);
        String second = mentionId();
        if (followUp) {
            Ingest.record(ingestion, mapper, scored(second, conversationId, 0.1, 0.7, 5000L));
            TestData.sql(dataSource, "UPDATE mention SET created_at = timestamptz '" + answered + "Z' + interval "
                    + "'10 minutes', sentiment_label = 'positive', matched_rules = '{}' WHERE id = '" + second + "'");
        }
        TestData.sql(dataSource, "UPDATE task SET team = '" + team + "', tier = 'P2', needs_reply = true, "
                + "created_at = '" + created + "Z', sla_started_at = '" + created + "Z', sla_due_at = '" + due + "Z', "
                + "first_response_at = " + time(answered) + ", responded_at = " + time(answered) + ", "
                + "first_response_seconds = " + (answered == null ? "NULL" : seconds) + ", "
                + "first_response_in_sla = " + (answered == null ? "NULL" : inSla) + ", "
                + "first_response_by = " + (by == null ? "NULL" : "'" + by + "'") + ", "
                + "assignee = " + (by == null ? "NULL" : "'" + by + "'") + ", status = '" + status + "', "
                + "resolved_at = " + time(resolved) + ", updated_at = " + time(resolved == null ? created : resolved)
                + " WHERE id = " + id);
        TestData.sql(dataSource, "UPDATE mention SET created_at = '" + created + "Z', sentiment_label = '" + label
                + "', matched_rules = '" + rules + "' WHERE id = '" + first + "'");
    }

    private static String time(String t) {
        return t == null ? "NULL" : "'" + t + "Z'";
    }
}
