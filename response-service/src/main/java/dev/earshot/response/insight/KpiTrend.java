package dev.earshot.response.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The KPIs of {@link Kpis} over time: one chart per figure, each a series per team or agent (and "All") with one value
 * per period, starting on the days of {@code periods}; {@code period} is "day" or "week".
 */
public record KpiTrend(TrendRange range, String period, List<LocalDate> periods, List<Chart> charts) {

    /** The series' name of everyone. */
    public static final String ALL = "All";

    /**
     * One figure over time. {@code unit} says what a value is ("minutes", "hours", "%", "net", "posts", "tasks");
     * {@code note} what a reader should know (empty when nothing).
     */
    public record Chart(String id, String title, String unit, String note, List<Series> series) {
    }

    /** One line of a chart: a value per period, null where there was nothing to measure. */
    public record Series(String name, List<Double> values) {
    }

    public Optional<Chart> chart(String id) {
        return charts.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
