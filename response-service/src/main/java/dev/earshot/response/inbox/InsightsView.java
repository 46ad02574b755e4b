package dev.earshot.response.inbox;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.earshot.response.insight.KpiTrend;

/**
 * A {@link KpiTrend} chart as the Insights page and its CSV export show it: one row per period, one column per series,
 * each figure formatted once, so the table, the chart drawn from the table and the CSV carry the same figures.
 */
record InsightsView(String id, String title, String unit, String note, List<String> series, List<Row> rows,
        String csv) {

    /** A period: its first day, that day's midnight UTC in epoch seconds (the chart's x) and a figure per series. */
    record Row(String period, long epochSecond, List<String> figures) {
    }

    static InsightsView of(KpiTrend.Chart chart, List<LocalDate> periods, String query) {
        List<Row> rows = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            List<String> figures = new ArrayList<>(chart.series().size());
            for (KpiTrend.Series s : chart.series()) {
                figures.add(figure(s.values().get(i)));
            }
            LocalDate day = periods.get(i);
            rows.add(new Row(day.toString(), day.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), figures));
        }
        return new InsightsView(chart.id(), chart.title(), chart.unit(), chart.note(),
                chart.series().stream().map(KpiTrend.Series::name).toList(), rows,
                "/inbox/insights/" + chart.id() + ".csv" + (query.isEmpty() ? "" : "?" + query));
    }

    /** Whole numbers without decimals, others with their one decimal; empty when nothing was measured. */
    static String figure(Double value) {
        if (value == null) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return java.math.BigDecimal.valueOf(value).toPlainString();
    }

    /** RFC 4180: a header row ("period", then the series), CRLF line ends, fields quoted where needed. */
    String toCsv() {
        StringBuilder out = new StringBuilder();
        out.append("period");
        for (String name : series) {
            out.append(',').append(csvText(name));
        }
        out.append("\r\n");
        for (Row row : rows) {
            out.append(row.period());
            for (String f : row.figures()) {
                out.append(',').append(f);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * A text field (a team, agent, rule or source name): quoted when it holds a comma, quote or line break, and with a
     * leading apostrophe when a spreadsheet would read it as a formula.
     */
    static String csvText(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) {
            t = "\"" + t.replace("\"", "\"\"") + "\"";
        }
        return t;
    }
}
