package dev.earshot.response.insight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.task.TaskIngestion;
import dev.earshot.testing.DevJwt;
import dev.earshot.web.Problem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** The KPIs per day and week against the real PostgreSQL: {@link TrendData}'s two days, figure by figure. */
@QuarkusTest
class KpiTrendsTest {

    @Inject
    TaskIngestion ingestion;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() {
        TrendData.seed(dataSource, ingestion, mapper);
    }

    static JsonPath trend(String from, String to, String group) {
        return given().auth().oauth2(DevJwt.token("lead")).queryParam("from", from).queryParam("to", to)
                .queryParam("group", group).get("/api/v1/kpis/trend").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** A series' values, null where nothing was measured. */
    static List<Double> values(JsonPath trend, String chart, String series) {
        List<Object> raw = trend.getList("charts.find { it.id == '" + chart + "' }.series.find { it.name == '"
                + series + "' }.values");
        List<Double> values = new ArrayList<>();
        raw.forEach(v -> values.add(v == null ? null : ((Number) v).doubleValue()));
        return values;
    }

    static List<Double> list(Double... values) {
        return Arrays.asList(values);
    }

    @Test
    void perDayAndTeam() {
        JsonPath t = trend(TrendData.D1.toString(), TrendData.D2.toString(), "team");
        assertEquals("day", t.getString("period"));
        assertEquals(List.of("2026-03-02", "2026-03-03"), t.getList("periods"));
        // first responses 600 s and 1800 s on D1: median 20 min, p90 = 600 + 0.9 * 1200 s = 28 min
        assertEquals(list(20.0, 60.0), values(t, "first-response-median", "All"));
        assertEquals(list(28.0, 60.0), values(t, "first-response-p90", "All"));
        assertEquals(list(20.0, null), values(t, "first-response-median", "support"));
        assertEquals(list(null, 60.0), values(t, "first-response-median", "product"));
        assertEquals(list(null, null), values(t, "first-response-median", "legal"), "every team has its series");
        assertEquals(list(1.0, 4.0), values(t, "resolution-median", "All"));
        // D1: t1 in time, t2 late; D2: t3 in time, t4 unanswered past its SLA
        assertEquals(list(50.0, 50.0), values(t, "sla-attainment", "All"));
        assertEquals(list(50.0, null), values(t, "sla-attainment", "support"));
        assertEquals(list(100.0, 50.0), values(t, "response-rate", "All"));
        assertEquals(list(null, 50.0), values(t, "response-rate", "product"));
        // D1: two negative posts and the positive follow-up; D2: one of each
        assertEquals(list(-33.3, 0.0), values(t, "net-sentiment", "All"));
        assertEquals(list(100.0, null), values(t, "sentiment-after-reply", "All"));
        assertEquals(list(-100.0, 100.0), values(t, "sentiment-after-reply", "All, before our reply"));
        assertEquals(list(1.0, 2.0), values(t, "backlog", "P2"));
        assertEquals(list(0.0, 0.0), values(t, "backlog", "P1"));
        assertEquals(list(2.0, 1.0), values(t, "volume-by-rule", "acme"));
        assertEquals(list(1.0, 0.0), values(t, "volume-by-rule", "outage"));
        assertEquals(list(3.0, 2.0), values(t, "volume-by-source", "test"));
    }

    @Test
    void perAgent() {
        JsonPath t = trend(TrendData.D1.toString(), TrendData.D2.toString(), "agent");
        assertEquals(List.of("All", "ann", "bob"),
                t.getList("charts.find { it.id == 'first-response-median' }.series.name"));
        assertEquals(list(10.0, 60.0), values(t, "first-response-median", "ann"));
        assertEquals(list(30.0, null), values(t, "first-response-median", "bob"));
        assertEquals(list(100.0, 100.0), values(t, "sla-attainment", "ann"));
        assertEquals(list(0.0, null), values(t, "sla-attainment", "bob"));
        assertEquals(list(1.0, 4.0), values(t, "resolution-median", "ann"));
        // no agent owns the response rate or net sentiment: everyone's only
        assertEquals(List.of("All"), t.getList("charts.find { it.id == 'response-rate' }.series.name"));
        assertEquals(list(-33.3, 0.0), values(t, "net-sentiment", "All"));
    }

    @Test
    void longRangesArePerWeekFromMonday() {
        JsonPath t = trend("2026-01-01", "2026-05-01", "team");
        assertEquals("week", t.getString("period"));
        List<String> periods = t.getList("periods");
        assertEquals("2025-12-29", periods.get(0), "the Monday of the first week");
        int week = periods.indexOf("2026-03-02");
        assertTrue(week > 0);
        List<Double> median = values(t, "first-response-median", "All");
        assertEquals(30.0, median.get(week), "600, 1800 and 3600 s in one week");
        assertEquals(5.0, values(t, "volume-by-source", "test").get(week));
        assertEquals(2.0, values(t, "backlog", "P2").get(periods.size() - 1), "t2 and t4 are still open");
        assertFalse(median.subList(0, week).stream().anyMatch(v -> v != null));
    }

    @Test
    void manyRulesKeepTheBusiestAndSumTheOthers() {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < KpiTrends.TOP_RULES + 2; i++) {
            rules.append(i == 0 ? "" : ",").append("rule").append((char) ('a' + i));
        }
        dev.earshot.response.task.TestData.sql(dataSource,
                "UPDATE mention SET matched_rules = matched_rules || '{" + rules + "}' WHERE sentiment_label = 'positive'");
        JsonPath t = trend(TrendData.D1.toString(), TrendData.D2.toString(), "team");
        List<String> names = t.getList("charts.find { it.id == 'volume-by-rule' }.series.name");
        assertEquals(KpiTrends.TOP_RULES + 1, names.size(), names::toString);
        // acme (3 posts) and nine of the twelve rules of 2 posts (by name) kept, by name; last "other rules"
        assertEquals("acme", names.get(0));
        assertEquals("rulei", names.get(names.size() - 2));
        assertEquals(KpiTrends.OTHER_RULES, names.get(names.size() - 1));
        // summed: outage (D1) and rulej, rulek, rulel (one post a day each)
        assertEquals(list(4.0, 3.0), values(t, "volume-by-rule", KpiTrends.OTHER_RULES));
    }

    @Test
    void wrongRangesAre400AndAgentsAre403() {
        String[][] bad = {{"from", "2026-03-05", "to", "2026-03-01"}, {"from", "2025-01-01", "to", "2026-03-01"},
                {"from", "yesterday", "to", "2026-03-01"}, {"from", "2026-02-30", "to", "2026-03-01"},
                {"from", "2026-03-01", "group", "tier"}, {"form", "2026-03-01", "to", "2026-03-02"}};
        for (String[] b : bad) {
            given().auth().oauth2(DevJwt.token("lead")).queryParam(b[0], b[1]).queryParam(b[2], b[3])
                    .get("/api/v1/kpis/trend").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
        given().auth().oauth2(DevJwt.token("lead")).queryParam("from", "2025-01-01").queryParam("to", "2026-03-01")
                .get("/api/v1/kpis/trend").then().statusCode(400).body("detail", containsString("366"));
        given().auth().oauth2(DevJwt.token("agent")).get("/api/v1/kpis/trend").then().statusCode(403);
        // the default: the last 30 days
        assertEquals(30, given().auth().oauth2(DevJwt.token("admin")).get("/api/v1/kpis/trend").then()
                .statusCode(200).extract().jsonPath().getList("periods").size());
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void trendsAnswerWhileIngestionAndTheQueueHoldEveryConnectionOfTheirPool() {
        // the default pool's 20 connections all taken (a storm of ingestion and queue requests): the trends run
        // on their own pool and still answer, and they could never take those 20 either
        List<io.vertx.mutiny.sqlclient.SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                held.add(pool.getConnection().await().atMost(java.time.Duration.ofSeconds(10)));
            }
            JsonPath t = trend(TrendData.D1.toString(), TrendData.D2.toString(), "team");
            assertEquals(list(20.0, 60.0), values(t, "first-response-median", "All"));
        } finally {
            held.forEach(c -> c.closeAndAwait());
        }
    }
}
