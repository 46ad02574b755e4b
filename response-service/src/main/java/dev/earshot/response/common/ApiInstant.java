package dev.earshot.response.common;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * An instant a client sends (a KPI range, a queue cursor): ISO-8601, and within the years our data can
 * have and PostgreSQL can hold. {@link Instant#parse} alone accepts years up to ±1,000,000,000, which
 * PostgreSQL's timestamptz refuses (a 500 instead of a 400).
 */
public final class ApiInstant {

    public static final Instant MIN = Instant.EPOCH;
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private ApiInstant() {
    }

    /** Parses {@code text}; a {@link DateTimeException} when it is no ISO-8601 instant or out of range. */
    public static Instant parse(String text) {
        Instant at = Instant.parse(text);
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            throw new DateTimeException(text + " is outside " + MIN + " .. " + MAX);
        }
        return at;
    }
}
