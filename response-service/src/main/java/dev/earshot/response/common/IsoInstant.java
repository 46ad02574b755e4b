package dev.earshot.response.common;

import java.time.Instant;

/**
 * Formats an {@link Instant} exactly as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} (and
 * Jackson's default) does, for years 0000..9999, without a formatter, LocalDateTime or temporary
 * strings: the queue page writes hundreds of instants per request.
 */
public final class IsoInstant {

    private static final long MIN = -62167219200L; // 0000-01-01T00:00:00Z
    private static final long MAX = 253402300799L; // 9999-12-31T23:59:59Z

    private IsoInstant() {
    }

    /** Writes {@code t} into {@code buf} from 0 and returns the length (buf holds at least 30 chars). */
    public static int format(Instant t, char[] buf) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN || seconds > MAX) {
            String s = t.toString();
            s.getChars(0, s.length(), buf, 0);
            return s.length();
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil_from_days (H. Hinnant), proleptic Gregorian calendar
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        digits(buf, 0, year, 4);
        buf[4] = '-';
        digits(buf, 5, month, 2);
        buf[7] = '-';
        digits(buf, 8, day, 2);
        buf[10] = 'T';
        digits(buf, 11, secondOfDay / 3600, 2);
        buf[13] = ':';
        digits(buf, 14, secondOfDay / 60 % 60, 2);
        buf[16] = ':';
        digits(buf, 17, secondOfDay % 60, 2);
        int n = 19;
        int nano = t.getNano();
        if (nano > 0) {
            buf[n++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(buf, n, nano / 1_000_000, 3);
                n += 3;
            } else if (nano % 1000 == 0) {
                digits(buf, n, nano / 1000, 6);
                n += 6;
            } else {
                digits(buf, n, nano, 9);
                n += 9;
            }
        }
        buf[n++] = 'Z';
        return n;
    }

    public static String format(Instant t) {
        char[] buf = new char[40];
        return new String(buf, 0, format(t, buf));
    }

    private static void digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
