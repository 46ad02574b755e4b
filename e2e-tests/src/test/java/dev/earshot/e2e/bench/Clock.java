package dev.earshot.e2e.bench;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: the unit of every time the benchmark compares. */
final class Clock {

    private Clock() {
    }

    static long micros() {
        return micros(Instant.now());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
