package dev.earshot.response.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.earshot.response.common.ApiInstant;
import dev.earshot.response.task.Router;
import dev.earshot.web.InvalidRequestException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * KPIs over a time range, computed in SQL (percentile_cont for medians and p90), for everyone, per
 * team and per agent (GROUPING SETS: one scan per figure family). First response and resolution
 * times run from when the task's SLA clock started (creation, or its last reopen).
 */
@ApplicationScoped
public class Kpis {

    static final Duration MAX_RANGE = Duration.ofDays(366);
    private static final String ALL = "";

    private final Router router;

    public Kpis(Router router) {
        this.router = router;
    }

    /** Mutable figures of one key while the queries come in. */
    private static final class Acc {
        long responded;
        Double frtP50;
        Double frtP90;
        long resolved;
        Double resP50;
        Double resP90;
        long slaMet;
        long slaMissed;
        Long needingReply;
        Long answered;
        Long posts;
        Double net;
        Double netBefore;
        Double netAfter;
        Double before;
        Double after;
        long replies;
        long repliedTasks;

        KpiFigures figures(String key) {
            long judged = slaMet + slaMissed;
            return new KpiFigures(key, responded, frtP50, frtP90, resolved, resP50, resP90, slaMet, slaMissed,
                    judged == 0 ? null : round(slaMet / (double) judged, 4), needingReply,
                    needingReply == null || needingReply == 0 ? null : round(answered / (double) needingReply, 4),
                    posts, net, netBefore, netAfter, before, after, replies, repliedTasks);
        }
    }

    @WithSession
    public Uni<KpiReport> report(String fromParam, String toParam, String team, String agent) {
        Instant to;
        Instant from;
        try {
            to = toParam == null ? Instant.now() : ApiInstant.parse(toParam);
            from = fromParam == null ? to.minus(Duration.ofDays(7)) : ApiInstant.parse(fromParam);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new InvalidRequestException("from and to must be ISO-8601 instants "
                    + "from " + ApiInstant.MIN + " to " + ApiInstant.MAX + ", e.g. 2026-11-01T00:00:00Z"));
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "from must be before to, at most 366 days apart"));
        }
        if (team != null && !router.isTeam(team)) {
            return Uni.createFrom().failure(
                    new InvalidRequestException("team must be one of " + String.join(", ", router.teams())));
        }
        if (agent != null && (agent.isBlank() || agent.length() > 200)) {
            return Uni.createFrom().failure(new InvalidRequestException("agent must be 1 to 200 characters"));
        }
        Instant f = from.truncatedTo(ChronoUnit.MICROS);
        Instant t = to.truncatedTo(ChronoUnit.MICROS);
        Map<String, Acc> overall = new LinkedHashMap<>();
        Map<String, Acc> byTeam = new TreeMap<>();
        Map<String, Acc> byAgent = new TreeMap<>();
        Map<String, Long> backlog = new TreeMap<>();
        Map<String, Long> sources = new TreeMap<>();
        Map<String, Long> intents = new TreeMap<>();
        String teamFilter = team == null ? "" : " AND t.team = :team";
        String agentResponded = agent == null ? "" : " AND t.first_response_by = :agent";
        String agentResolved = agent == null ? "" : " AND t.assignee = :agent";

        Uni<Void> responded = grouped("""
                SELECT GROUPING(t.team), GROUPING(t.first_response_by), t.team, t.first_response_by, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.first_response_seconds),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.first_response_seconds),
                       count(*) FILTER (WHERE t.first_response_in_sla),
                       count(*) FILTER (WHERE NOT t.first_response_in_sla)
                FROM task t WHERE t.first_response_at >= :from AND t.first_response_at < :to""" + teamFilter
                + agentResponded + " GROUP BY GROUPING SETS ((), (t.team), (t.first_response_by))",
                f, t, team, agent, overall, byTeam, byAgent, (a, r) -> {
                    a.responded = ((Number) r[4]).longValue();
                    a.frtP50 = seconds(r[5]);
                    a.frtP90 = seconds(r[6]);
                    a.slaMet += ((Number) r[7]).longValue();
                    a.slaMissed += ((Number) r[8]).longValue();
                });
        Uni<Void> resolved = grouped("""
                SELECT GROUPING(t.team), GROUPING(t.assignee), t.team, t.assignee, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.resolved_at - t.sla_started_at)::float8),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.resolved_at - t.sla_started_at)::float8)
                FROM task t WHERE t.status = 'resolved' AND t.resolved_at >= :from AND t.resolved_at < :to"""
                + teamFilter + agentResolved + " GROUP BY GROUPING SETS ((), (t.team), (t.assignee))",
                f, t, team, agent, overall, byTeam, byAgent, (a, r) -> {
                    a.resolved = ((Number) r[4]).longValue();
                    a.resP50 = seconds(r[5]);
                    a.resP90 = seconds(r[6]);
                });
        // Unanswered tasks whose SLA expired in the range count as missed (no agent to blame).
        Uni<Void> breached = grouped("""
                SELECT GROUPING(t.team), 1, t.team, NULL, count(*)
                FROM task t WHERE t.responded_at IS NULL AND t.needs_reply
                  AND t.status IN ('open', 'claimed', 'snoozed')
                  AND t.sla_due_at >= :from AND t.sla_due_at < :to AND t.sla_due_at < now()""" + teamFilter
                + " GROUP BY GROUPING SETS ((), (t.team))",
                f, t, team, null, overall, byTeam, byAgent, (a, r) -> a.slaMissed += ((Number) r[4]).longValue());
        Uni<Void> rate = grouped("""
                SELECT GROUPING(t.team), 1, t.team, NULL, count(*), count(t.first_response_at)
                FROM task t WHERE t.needs_reply AND t.status <> 'dismissed'
                  AND t.created_at >= :from AND t.created_at < :to""" + teamFilter
                + " GROUP BY GROUPING SETS ((), (t.team))",
                f, t, team, null, overall, byTeam, byAgent, (a, r) -> {
                    a.needingReply = ((Number) r[4]).longValue();
                    a.answered = ((Number) r[5]).longValue();
                });
        Uni<Void> sentiment = grouped("""
                SELECT GROUPING(t.team), 1, t.team, NULL, count(*),
                       count(*) FILTER (WHERE m.sentiment_label = 'positive'),
                       count(*) FILTER (WHERE m.sentiment_label = 'negative')
                FROM mention m JOIN task t ON t.id = m.task_id
                WHERE m.created_at >= :from AND m.created_at < :to""" + teamFilter
                + " GROUP BY GROUPING SETS ((), (t.team))",
                f, t, team, null, overall, byTeam, byAgent, (a, r) -> {
                    a.posts = ((Number) r[4]).longValue();
                    a.net = net(r[4], r[5], r[6]);
                });
        Uni<Void> beforeAfter = grouped("""
                SELECT GROUPING(t.team), GROUPING(t.first_response_by), t.team, t.first_response_by,
                       count(*) FILTER (WHERE m.created_at < t.first_response_at),
                       count(*) FILTER (WHERE m.created_at < t.first_response_at AND m.sentiment_label = 'positive'),
                       count(*) FILTER (WHERE m.created_at < t.first_response_at AND m.sentiment_label = 'negative'),
                       avg(m.sentiment_score) FILTER (WHERE m.created_at < t.first_response_at),
                       count(*) FILTER (WHERE m.created_at >= t.first_response_at),
                       count(*) FILTER (WHERE m.created_at >= t.first_response_at AND m.sentiment_label = 'positive'),
                       count(*) FILTER (WHERE m.created_at >= t.first_response_at AND m.sentiment_label = 'negative'),
                       avg(m.sentiment_score) FILTER (WHERE m.created_at >= t.first_response_at)
                FROM task t JOIN mention m ON m.task_id = t.id
                WHERE t.first_response_at >= :from AND t.first_response_at < :to""" + teamFilter + agentResponded
                + " GROUP BY GROUPING SETS ((), (t.team), (t.first_response_by))",
                f, t, team, agent, overall, byTeam, byAgent, (a, r) -> {
                    a.netBefore = net(r[4], r[5], r[6]);
                    a.before = scaled(r[7]);
                    a.netAfter = net(r[8], r[9], r[10]);
                    a.after = scaled(r[11]);
                });
        // Every recorded reply counts, several per task too (per agent: who replied).
        Uni<Void> replies = grouped("""
                SELECT GROUPING(t.team), GROUPING(r.author), t.team, r.author, count(*), count(DISTINCT r.task_id)
                FROM task_reply r JOIN task t ON t.id = r.task_id
                WHERE r.created_at >= :from AND r.created_at < :to""" + teamFilter
                + (agent == null ? "" : " AND r.author = :agent")
                + " GROUP BY GROUPING SETS ((), (t.team), (r.author))",
                f, t, team, agent, overall, byTeam, byAgent, (a, r) -> {
                    a.replies = ((Number) r[4]).longValue();
                    a.repliedTasks = ((Number) r[5]).longValue();
                });
        Uni<Void> backlogByTier = rows("""
                SELECT t.tier, count(*) FROM task t WHERE t.status IN ('open', 'claimed', 'snoozed') AND t.needs_reply"""
                + teamFilter + " GROUP BY t.tier", null, null, team, null)
                .invoke(list -> list.forEach(r -> backlog.put((String) r[0], ((Number) r[1]).longValue())))
                .replaceWithVoid();
        Uni<Void> bySource = rows("""
                SELECT m.source, count(*) FROM mention m JOIN task t ON t.id = m.task_id
                WHERE m.created_at >= :from AND m.created_at < :to""" + teamFilter + " GROUP BY m.source",
                f, t, team, null)
                .invoke(list -> list.forEach(r -> sources.put((String) r[0], ((Number) r[1]).longValue())))
                .replaceWithVoid();
        Uni<Void> byIntent = rows("""
                SELECT i.intent, count(*) FROM mention m JOIN task t ON t.id = m.task_id
                CROSS JOIN LATERAL unnest(m.intents) AS i(intent)
                WHERE m.created_at >= :from AND m.created_at < :to""" + teamFilter + " GROUP BY i.intent",
                f, t, team, null)
                .invoke(list -> list.forEach(r -> intents.put((String) r[0], ((Number) r[1]).longValue())))
                .replaceWithVoid();

        // one session: the queries run one after the other
        return responded.chain(() -> resolved).chain(() -> breached).chain(() -> rate).chain(() -> sentiment)
                .chain(() -> beforeAfter).chain(() -> replies).chain(() -> backlogByTier).chain(() -> bySource).chain(() -> byIntent)
                .map(x -> {
                    for (String name : router.teams()) {
                        if (team == null || team.equals(name)) {
                            byTeam.computeIfAbsent(name, k -> new Acc());
                        }
                    }
                    for (String tier : List.of("P1", "P2", "P3", "P4")) {
                        backlog.putIfAbsent(tier, 0L);
                    }
                    List<KpiFigures> teams = new ArrayList<>();
                    byTeam.forEach((k, a) -> teams.add(a.figures(k)));
                    List<KpiFigures> agents = new ArrayList<>();
                    byAgent.forEach((k, a) -> agents.add(a.figures(k)));
                    return new KpiReport(from, to, team, agent, overall.getOrDefault(ALL, new Acc()).figures(null),
                            teams, agents, backlog, sources, intents);
                });
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(Acc acc, Object[] row);
    }

    /**
     * Runs a GROUPING SETS query whose first four columns are GROUPING(team), GROUPING(agent), team,
     * agent, and hands each row to the accumulator of its key.
     */
    private static Uni<Void> grouped(String sql, Instant from, Instant to, String team, String agent,
            Map<String, Acc> overall, Map<String, Acc> byTeam, Map<String, Acc> byAgent, RowConsumer consumer) {
        return rows(sql, from, to, team, agent).invoke(list -> {
            for (Object[] r : list) {
                boolean teamRolledUp = ((Number) r[0]).intValue() == 1;
                boolean agentRolledUp = ((Number) r[1]).intValue() == 1;
                Acc acc;
                if (teamRolledUp && agentRolledUp) {
                    acc = overall.computeIfAbsent(ALL, k -> new Acc());
                } else if (!teamRolledUp) {
                    acc = byTeam.computeIfAbsent((String) r[2], k -> new Acc());
                } else {
                    if (r[3] == null) {
                        continue; // tasks nobody answered or resolved
                    }
                    acc = byAgent.computeIfAbsent((String) r[3], k -> new Acc());
                }
                consumer.accept(acc, r);
            }
        }).replaceWithVoid();
    }

    private static Uni<List<Object[]>> rows(String sql, Instant from, Instant to, String team, String agent) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
            if (from != null) {
                q.setParameter("from", from);
                q.setParameter("to", to);
            }
            if (team != null) {
                q.setParameter("team", team);
            }
            if (agent != null && sql.contains(":agent")) {
                q.setParameter("agent", agent);
            }
            return q.getResultList();
        });
    }

    private static Double seconds(Object value) {
        return value == null ? null : round(((Number) value).doubleValue(), 1);
    }

    /** A mean sentiment score (-1..1) on the unit of every sentiment KPI, -100..100, one decimal; null when none. */
    private static Double scaled(Object meanScore) {
        return meanScore == null ? null : round(((Number) meanScore).doubleValue() * 100, 1);
    }

    /** % positive minus % negative (-100..100), one decimal; null without posts. */
    private static Double net(Object total, Object positive, Object negative) {
        long n = ((Number) total).longValue();
        if (n == 0) {
            return null;
        }
        return round((((Number) positive).longValue() - ((Number) negative).longValue()) * 100.0 / n, 1);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
