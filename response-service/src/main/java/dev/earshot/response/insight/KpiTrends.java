package dev.earshot.response.insight;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.earshot.response.storage.StoredText;
import dev.earshot.response.task.Router;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The KPIs of {@link Kpis} per day or week of a {@link TrendRange}, for everyone and per team or agent, computed in
 * SQL: each figure family is one scan grouped by period with GROUPING SETS ((period), (period, key)), the scans at once
 * on pooled connections of their own. The figures mean
 * what they mean in {@link KpiFigures}; per agent, response and SLA figures go to who answered first, resolutions to
 * the assignee, and the figures no agent owns (response rate, net sentiment) are shown for everyone only. The backlog
 * at the end of each period is rebuilt from the tasks' creation and close times (a dismissed task closes at its last
 * update; a reopened task counts as open since its creation).
 */
@ApplicationScoped
public class KpiTrends {

    /** Volume per rule: the busiest rules in the range, the others summed as {@value #OTHER_RULES}. */
    static final int TOP_RULES = 10;
    static final String OTHER_RULES = "other rules";
    private static final List<String> TIERS = List.of("P1", "P2", "P3", "P4");
    private static final String CLOSED_AT = "CASE t.status WHEN 'resolved' THEN coalesce(t.resolved_at, t.updated_at) "
            + "WHEN 'dismissed' THEN t.updated_at END";

    /** The named datasource the trends run on (application.properties: quarkus.datasource.insights.*). */
    public static final String INSIGHTS_DATASOURCE = "insights";

    private final Router router;
    private final Pool pool;

    /** @param pool the insights' own small pool: a year of trends never takes the connections ingestion needs */
    public KpiTrends(Router router, @ReactiveDataSource(INSIGHTS_DATASOURCE) Pool pool) {
        this.router = router;
        this.pool = pool;
    }

    /** A period bucket of a timestamp column: the period's first day, YYYY-MM-DD. */
    private static String bucket(String column) {
        return "to_char(date_trunc(CAST(:unit AS text), " + column + " AT TIME ZONE 'UTC'), 'YYYY-MM-DD')";
    }

    /** The query of a figure family: rows of GROUPING(k), period, key, then the aggregates over x. */
    private static String grouped(String aggregates, String inner) {
        return "SELECT GROUPING(x.k), x.b, x.k, " + aggregates + " FROM (" + inner
                + ") x GROUP BY GROUPING SETS ((x.b), (x.b, x.k))";
    }

    /** The trend of a range: its queries run at once, each on a connection of its own, then are put together. */
    public Uni<KpiTrend> trend(TrendRange range) {
        boolean perTeam = "team".equals(range.groupBy());
        String responder = perTeam ? "t.team" : "t.first_response_by";
        String resolver = perTeam ? "t.team" : "t.assignee";
        String teamOnly = perTeam ? "t.team" : "CAST(NULL AS text)";
        List<LocalDate> periods = range.periods();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            index.put(periods.get(i).toString(), i);
        }
        Grids g = new Grids(periods.size(), index);

        Uni<Runnable> responded = rows(grouped("""
                count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY x.s),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY x.s),
                count(*) FILTER (WHERE x.met), count(*) FILTER (WHERE NOT x.met)""", "SELECT "
                + bucket("t.first_response_at") + " AS b, " + responder + " AS k, t.first_response_seconds AS s, "
                + "t.first_response_in_sla AS met FROM task t "
                + "WHERE t.first_response_at >= :from AND t.first_response_at < :to"), range)
                .map(list -> (Runnable) () -> g.each(list, (cell, r) -> {
                    cell.put("frtP50", minutes(r[4]));
                    cell.put("frtP90", minutes(r[5]));
                    cell.merge("met", number(r[6]), Double::sum);
                    cell.merge("missed", number(r[7]), Double::sum);
                }));
        Uni<Runnable> resolved = rows(grouped("""
                percentile_cont(0.5) WITHIN GROUP (ORDER BY x.s), percentile_cont(0.9) WITHIN GROUP (ORDER BY x.s)""",
                "SELECT " + bucket("t.resolved_at") + " AS b, " + resolver + " AS k, "
                + "CAST(extract(epoch FROM t.resolved_at - t.sla_started_at) AS float8) AS s FROM task t "
                + "WHERE t.status = 'resolved' AND t.resolved_at >= :from AND t.resolved_at < :to"), range)
                .map(list -> (Runnable) () -> g.each(list, (cell, r) -> {
                    cell.put("resP50", hours(r[3]));
                    cell.put("resP90", hours(r[4]));
                }));
        // unanswered tasks whose SLA expired in the period count as missed (no agent to blame)
        Uni<Runnable> breached = rows(grouped("count(*)", "SELECT " + bucket("t.sla_due_at") + " AS b, " + teamOnly
                + " AS k FROM task t WHERE t.responded_at IS NULL AND t.needs_reply "
                + "AND t.status IN ('open', 'claimed', 'snoozed') AND t.sla_due_at >= :from AND t.sla_due_at < :to "
                + "AND t.sla_due_at < now()"), range)
                .map(list -> (Runnable) () -> g.each(list,
                        (cell, r) -> cell.merge("missed", number(r[3]), Double::sum)));
        Uni<Runnable> rate = rows(grouped("count(*), count(x.answered)", "SELECT " + bucket("t.created_at") + " AS b, "
                + teamOnly + " AS k, t.first_response_at AS answered FROM task t WHERE t.needs_reply "
                + "AND t.status <> 'dismissed' AND t.created_at >= :from AND t.created_at < :to"), range)
                .map(list -> (Runnable) () -> g.each(list, (cell, r) -> cell.put("rate", percent(r[4], r[3]))));
        Uni<Runnable> sentiment = rows(grouped("""
                count(*), count(*) FILTER (WHERE x.label = 'positive'), count(*) FILTER (WHERE x.label = 'negative')""",
                "SELECT " + bucket("m.created_at") + " AS b, " + teamOnly + " AS k, m.sentiment_label AS label "
                + "FROM mention m JOIN task t ON t.id = m.task_id WHERE m.created_at >= :from AND m.created_at < :to"),
                range)
                .map(list -> (Runnable) () -> g.each(list, (cell, r) -> cell.put("net", net(r[3], r[4], r[5]))));
        Uni<Runnable> beforeAfter = rows(grouped("""
                count(*) FILTER (WHERE NOT x.after),
                count(*) FILTER (WHERE NOT x.after AND x.label = 'positive'),
                count(*) FILTER (WHERE NOT x.after AND x.label = 'negative'),
                count(*) FILTER (WHERE x.after),
                count(*) FILTER (WHERE x.after AND x.label = 'positive'),
                count(*) FILTER (WHERE x.after AND x.label = 'negative')""", "SELECT "
                + bucket("t.first_response_at") + " AS b, " + responder + " AS k, m.sentiment_label AS label, "
                + "m.created_at >= t.first_response_at AS after FROM task t JOIN mention m ON m.task_id = t.id "
                + "WHERE t.first_response_at >= :from AND t.first_response_at < :to"), range)
                .map(list -> (Runnable) () -> g.each(list, (cell, r) -> {
                    cell.put("netBefore", net(r[3], r[4], r[5]));
                    cell.put("netAfter", net(r[6], r[7], r[8]));
                }));

        Map<String, Double[]> backlog = new LinkedHashMap<>();
        TIERS.forEach(tier -> backlog.put(tier, filled(periods.size(), 0.0)));
        long[] open = new long[TIERS.size()];
        Uni<Runnable> backlogBefore = rows("SELECT t.tier, count(*) FROM task t WHERE t.needs_reply "
                + "AND t.created_at < :from AND coalesce(" + CLOSED_AT + ", 'infinity') >= :from GROUP BY t.tier",
                range)
                .map(list -> (Runnable) () -> list.forEach(
                        r -> open[TIERS.indexOf((String) r[0])] = ((Number) r[1]).longValue()));
        Map<String, long[]> changes = new HashMap<>();
        Uni<Runnable> backlogChanges = rows("SELECT x.b, x.tier, sum(x.d) FROM ("
                + "SELECT " + bucket("t.created_at") + " AS b, t.tier, 1 AS d FROM task t WHERE t.needs_reply "
                + "AND t.created_at >= :from AND t.created_at < :to UNION ALL "
                + "SELECT " + bucket(CLOSED_AT) + " AS b, t.tier, -1 AS d FROM task t WHERE t.needs_reply "
                + "AND t.created_at < :to AND " + CLOSED_AT + " >= :from AND " + CLOSED_AT + " < :to"
                + ") x GROUP BY x.b, x.tier", range)
                .map(list -> (Runnable) () -> list.forEach(r -> {
                    Integer i = index.get((String) r[0]);
                    if (i != null) {
                        changes.computeIfAbsent((String) r[1], k -> new long[periods.size()])[i] +=
                                ((Number) r[2]).longValue();
                    }
                }));

        Map<String, Double[]> rules = new TreeMap<>();
        Uni<Runnable> byRule = rows("SELECT " + bucket("m.created_at") + ", r.rule, count(*) FROM mention m "
                + "CROSS JOIN LATERAL unnest(m.matched_rules) AS r(rule) "
                + "WHERE m.created_at >= :from AND m.created_at < :to GROUP BY 1, 2", range)
                .map(list -> (Runnable) () -> counts(list, index, periods.size(), rules));
        Map<String, Double[]> sources = new TreeMap<>();
        Uni<Runnable> bySource = rows("SELECT " + bucket("m.created_at") + ", m.source, count(*) FROM mention m "
                + "WHERE m.created_at >= :from AND m.created_at < :to GROUP BY 1, 2", range)
                .map(list -> (Runnable) () -> counts(list, index, periods.size(), sources));

        // the queries at once, each on its own connection; their rows are put together here, one after the other
        return Uni.join().all(responded, resolved, breached, rate, sentiment, beforeAfter, backlogBefore,
                backlogChanges, byRule, bySource).andFailFast()
                .map(appliers -> {
                    appliers.forEach(Runnable::run);
                    for (int tier = 0; tier < TIERS.size(); tier++) {
                        long level = open[tier];
                        long[] delta = changes.getOrDefault(TIERS.get(tier), new long[periods.size()]);
                        Double[] values = backlog.get(TIERS.get(tier));
                        for (int i = 0; i < periods.size(); i++) {
                            level += delta[i];
                            values[i] = (double) level;
                        }
                    }
                    if (perTeam) {
                        router.teams().forEach(g::key);
                    }
                    return new KpiTrend(range, range.period(), periods,
                            charts(g, perTeam, backlog, topRules(rules), sources));
                });
    }

    private static List<KpiTrend.Chart> charts(Grids g, boolean perTeam, Map<String, Double[]> backlog,
            Map<String, Double[]> rules, Map<String, Double[]> sources) {
        String per = perTeam ? "" : "Per agent: who answered first. ";
        String teamsOnly = perTeam ? "" : "For everyone only: no agent owns this figure.";
        List<KpiTrend.Chart> charts = new ArrayList<>();
        charts.add(g.chart("first-response-median", "First response time, median", "minutes",
                per + "Tasks by the day of their first response.", perTeam, c -> c.get("frtP50")));
        charts.add(g.chart("first-response-p90", "First response time, 90th percentile", "minutes",
                per + "Tasks by the day of their first response.", perTeam, c -> c.get("frtP90")));
        charts.add(g.chart("resolution-median", "Resolution time, median", "hours",
                perTeam ? "Tasks by the day they were resolved." : "Per agent: the assignee who resolved.", perTeam,
                c -> c.get("resP50")));
        charts.add(g.chart("resolution-p90", "Resolution time, 90th percentile", "hours",
                perTeam ? "Tasks by the day they were resolved." : "Per agent: the assignee who resolved.", perTeam,
                c -> c.get("resP90")));
        charts.add(g.chart("sla-attainment", "SLA attainment", "%", per
                + "First responses within their SLA, of those plus the late ones and the unanswered tasks whose SLA "
                + "expired.", perTeam, c -> {
                    double met = c.getOrDefault("met", 0.0);
                    double judged = met + c.getOrDefault("missed", 0.0);
                    return judged == 0 ? null : round(met * 100 / judged);
                }));
        charts.add(g.chart("response-rate", "Response rate", "%", "Tasks created that needed a reply and got a "
                + "response. " + teamsOnly, perTeam, c -> c.get("rate")));
        charts.add(g.chart("net-sentiment", "Net sentiment", "net", "% positive minus % negative posts, -100 to 100. "
                + teamsOnly, perTeam, c -> c.get("net")));
        KpiTrend.Chart after = g.chart("sentiment-after-reply", "Net sentiment after our reply", "net", per
                + "Posts from our first reply on, in the conversations first answered that day; -100 to 100.",
                perTeam, c -> c.get("netAfter"));
        List<KpiTrend.Series> withBefore = new ArrayList<>(after.series());
        withBefore.add(1, new KpiTrend.Series(KpiTrend.ALL + ", before our reply",
                g.allSeries(c -> c.get("netBefore"))));
        charts.add(new KpiTrend.Chart(after.id(), after.title(), after.unit(), after.note(), withBefore));
        charts.add(new KpiTrend.Chart("backlog", "Backlog by tier", "tasks", "Tasks needing a reply still open at "
                + "the end of each period, by their current tier.", series(backlog)));
        charts.add(new KpiTrend.Chart("volume-by-rule", "Volume per listening rule", "posts", "Posts per matched rule "
                + "(a post matching two rules counts for each); the " + TOP_RULES + " busiest rules, the others as \""
                + OTHER_RULES + "\".", series(rules)));
        charts.add(new KpiTrend.Chart("volume-by-source", "Volume per source", "posts", "Posts per source.",
                series(sources)));
        return charts;
    }

    private static List<KpiTrend.Series> series(Map<String, Double[]> values) {
        List<KpiTrend.Series> list = new ArrayList<>();
        values.forEach((name, v) -> list.add(new KpiTrend.Series(name, Arrays.asList(v))));
        return list;
    }

    /** The {@value #TOP_RULES} busiest rules by name, the rest summed as one series. */
    private static Map<String, Double[]> topRules(Map<String, Double[]> rules) {
        if (rules.size() <= TOP_RULES) {
            return rules;
        }
        List<String> busiest = rules.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double[]> e) -> -total(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_RULES).map(Map.Entry::getKey).toList();
        Map<String, Double[]> top = new TreeMap<>();
        Double[] other = null;
        for (Map.Entry<String, Double[]> e : rules.entrySet()) {
            if (busiest.contains(e.getKey())) {
                top.put(e.getKey(), e.getValue());
                continue;
            }
            if (other == null) {
                other = filled(e.getValue().length, 0.0);
            }
            for (int i = 0; i < other.length; i++) {
                other[i] += e.getValue()[i];
            }
        }
        Map<String, Double[]> result = new LinkedHashMap<>(top);
        result.put(OTHER_RULES, other);
        return result;
    }

    private static double total(Double[] values) {
        double sum = 0;
        for (Double v : values) {
            sum += v;
        }
        return sum;
    }

    private static void counts(List<Object[]> rows, Map<String, Integer> index, int size, Map<String, Double[]> into) {
        for (Object[] r : rows) {
            Integer i = index.get((String) r[0]);
            if (i != null) {
                into.computeIfAbsent((String) r[1], k -> filled(size, 0.0))[i] = number(r[2]);
            }
        }
    }

    private static Double[] filled(int size, Double value) {
        Double[] values = new Double[size];
        Arrays.fill(values, value);
        return values;
    }

    @FunctionalInterface
    private interface CellConsumer {
        void accept(Map<String, Double> cell, Object[] row);
    }

    /** The figures of each key ("" for everyone) and period, as the queries come in. */
    private static final class Grids {
        private final int size;
        private final Map<String, Integer> index;
        private final Map<String, List<Map<String, Double>>> byKey = new TreeMap<>();

        Grids(int size, Map<String, Integer> index) {
            this.size = size;
            this.index = index;
            key("");
        }

        List<Map<String, Double>> key(String key) {
            return byKey.computeIfAbsent(key, k -> {
                List<Map<String, Double>> cells = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    cells.add(new HashMap<>());
                }
                return cells;
            });
        }

        /** Rows of GROUPING(k), period, key, ...: each to its cell; rows of no key (nobody answered) are left out. */
        void each(List<Object[]> rows, CellConsumer consumer) {
            for (Object[] r : rows) {
                Integer i = index.get((String) r[1]);
                boolean all = ((Number) r[0]).intValue() == 1;
                if (i == null || (!all && r[2] == null)) {
                    continue;
                }
                consumer.accept(key(all ? "" : (String) r[2]).get(i), r);
            }
        }

        List<Double> allSeries(Function<Map<String, Double>, Double> figure) {
            return byKey.get("").stream().map(figure).toList();
        }

        /** "All", then each key (only "All" for a figure of teams when grouped per agent). */
        KpiTrend.Chart chart(String id, String title, String unit, String note, boolean keys,
                Function<Map<String, Double>, Double> figure) {
            List<KpiTrend.Series> series = new ArrayList<>();
            series.add(new KpiTrend.Series(KpiTrend.ALL, allSeries(figure)));
            boolean perKey = keys || !(id.equals("response-rate") || id.equals("net-sentiment"));
            if (perKey) {
                byKey.forEach((k, cells) -> {
                    if (!k.isEmpty()) {
                        series.add(new KpiTrend.Series(k, cells.stream().map(figure).toList()));
                    }
                });
            }
            return new KpiTrend.Chart(id, title, unit, note.strip(), series);
        }
    }

    /** Runs a query of :from, :to and :unit (as $1.. in their order of appearance) on a pooled connection. */
    private Uni<List<Object[]>> rows(String sql, TrendRange range) {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put(":from", OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC));
        named.put(":to", OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC));
        named.put(":unit", range.period());
        String positional = sql;
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> p : named.entrySet()) {
            if (positional.contains(p.getKey())) {
                values.add(p.getValue());
                positional = positional.replace(p.getKey(), "$" + values.size());
            }
        }
        return pool.preparedQuery(positional).execute(StoredText.tuple(values)).map(rows -> {
            List<Object[]> list = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Object[] r = new Object[row.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = row.getValue(i);
                }
                list.add(r);
            }
            return list;
        });
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Double minutes(Object seconds) {
        return seconds == null ? null : round(number(seconds) / 60);
    }

    private static Double hours(Object seconds) {
        return seconds == null ? null : round(number(seconds) / 3600);
    }

    private static Double percent(Object part, Object whole) {
        double w = number(whole);
        return w == 0 ? null : round(number(part) * 100 / w);
    }

    /** % positive minus % negative (-100..100), one decimal; null without posts. */
    private static Double net(Object total, Object positive, Object negative) {
        double n = number(total);
        return n == 0 ? null : round((number(positive) - number(negative)) * 100 / n);
    }

    /** One decimal. */
    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
