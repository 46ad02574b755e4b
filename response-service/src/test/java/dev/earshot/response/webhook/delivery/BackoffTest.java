package dev.earshot.response.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void theCeilingDoublesFromTheBaseUpToTheMaximum() {
        Backoff backoff = new Backoff(BASE, MAX, bound -> bound);
        assertEquals(Duration.ofSeconds(10), backoff.delay(1, null));
        assertEquals(Duration.ofSeconds(20), backoff.delay(2, null));
        assertEquals(Duration.ofSeconds(40), backoff.delay(3, null));
        assertEquals(Duration.ofSeconds(2560), backoff.delay(9, null));
        assertEquals(MAX, backoff.delay(10, null));
        assertEquals(MAX, backoff.delay(500, null));
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheCeiling() {
        Backoff backoff = new Backoff(BASE, MAX, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 2000; i++) {
            long millis = backoff.delay(3, null).toMillis();
            assertTrue(millis >= 0 && millis <= 40_000, "delay " + millis);
            smallest = Math.min(smallest, millis);
            largest = Math.max(largest, millis);
        }
        assertTrue(smallest < 10_000 && largest > 30_000, "spread " + smallest + ".." + largest);
        assertEquals(Duration.ZERO, new Backoff(BASE, MAX, bound -> 0).delay(5, null));
    }

    @Test
    void retryAfterWinsAndIsCappedAtTheMaximum() {
        Backoff backoff = new Backoff(BASE, MAX, bound -> bound);
        assertEquals(Duration.ofMillis(600), backoff.delay(6, Duration.ofMillis(600)));
        assertEquals(MAX, backoff.delay(1, Duration.ofDays(2)));
    }

    @Test
    void retryAfterIsReadFromSecondsDatesAndDiscordBodies() {
        Instant now = Instant.parse("2026-11-25T18:00:00Z");
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", 503, "", now));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Wed, 25 Nov 2026 18:00:30 GMT", 429, "", now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 25 Nov 2026 17:00:00 GMT", 429, "", now));
        assertEquals(null, RetryAfter.parse("soon", 429, "", now));
        assertEquals(null, RetryAfter.parse(null, 500, "{\"retry_after\": 3}", now));
        assertEquals(Duration.ofMillis(600), RetryAfter.parse("1", 429,
                "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.6, \"global\": false}", now));
        assertEquals(Duration.ofSeconds(2), RetryAfter.parse("2", 429, "{\"retry_after\": \"x\"}", now));
        assertEquals(Duration.ofSeconds(2), RetryAfter.parse("2", 429, "<html>busy</html>", now));
    }
}
