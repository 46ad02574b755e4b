package dev.earshot.response.insight;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.earshot.web.InvalidRequestException;

/**
 * The days of a KPI trend: {@code from} to {@code to}, both included (UTC days), per {@code team} or per
 * {@code agent}, in periods of a day, or of a week (from Monday) when the range is longer than
 * {@value #DAILY_UP_TO_DAYS} days.
 */
public record TrendRange(LocalDate from, LocalDate to, String groupBy) {

    /** The default range: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;
    /** At most this many days, as the KPI report's 366. */
    public static final int MAX_DAYS = 366;
    /** Longer ranges are shown per week. */
    public static final int DAILY_UP_TO_DAYS = 92;
    public static final List<String> GROUPS = List.of("team", "agent");

    public TrendRange {
        if (from.isAfter(to)) {
            throw new InvalidRequestException("from must be on or before to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidRequestException("the range is at most " + MAX_DAYS + " days");
        }
        if (!GROUPS.contains(groupBy)) {
            throw new InvalidRequestException("group must be team or agent");
        }
    }

    /**
     * The range of the page's or an export's parameters, blank ones taking their defaults (the last
     * {@value #DEFAULT_DAYS} days up to {@code today}, per team); an {@link InvalidRequestException} saying what is
     * wrong otherwise.
     */
    public static TrendRange parse(String from, String to, String group, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
        return new TrendRange(start, end, blank(group) ? "team" : group.strip());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String name, String value) {
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.getYear() < 1970 || d.getYear() > 9998) {
                throw new DateTimeException("out of range");
            }
            return d;
        } catch (DateTimeException e) {
            throw new InvalidRequestException(name + " must be a date, YYYY-MM-DD, from 1970 to 9998");
        }
    }

    /** "day", or "week" for long ranges (PostgreSQL's date_trunc field). */
    public String period() {
        return ChronoUnit.DAYS.between(from, to) + 1 > DAILY_UP_TO_DAYS ? "week" : "day";
    }

    /** The first instant of the range. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first day of each period, in order (a week's Monday, even when before {@code from}). */
    public List<LocalDate> periods() {
        LocalDate first = "week".equals(period()) ? from.minusDays(from.getDayOfWeek().getValue() - 1L) : from;
        long step = "week".equals(period()) ? 7 : 1;
        return first.datesUntil(to.plusDays(1), java.time.Period.ofDays((int) step)).toList();
    }
}
