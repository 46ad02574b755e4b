package dev.earshot.response.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantTest {

    private static void same(Instant t) {
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), IsoInstant.format(t), () -> "epoch second "
                + t.getEpochSecond() + " nano " + t.getNano());
    }

    @Test
    void writesWhatIsoInstantWrites() {
        for (String s : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "2000-02-29T12:00:00.5Z", "2024-02-29T23:59:59.000001Z", "2026-11-25T16:54:06.123Z",
                "2100-03-01T00:00:00.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "1600-12-31T01:02:03.120Z", "1900-02-28T00:00:00.100200Z"}) {
            same(Instant.parse(s));
        }
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(min, max + 1);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            same(Instant.ofEpochSecond(second, nano));
        }
    }

    @Test
    void yearsBeyondFourDigitsAsTheJdkWritesThem() {
        same(Instant.parse("+10000-01-01T00:00:00Z"));
        same(Instant.parse("-0001-12-31T23:59:59.5Z"));
        same(Instant.MAX);
        same(Instant.MIN);
    }
}
