package dev.earshot.response.alert;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When SLA alerts and per-rule volume spike alerts fire. The timer intervals are read by {@code @Scheduled}. */
@ConfigMapping(prefix = "earshot.alerts")
public interface AlertsConfig {

    Sla sla();

    Spike spike();

    interface Sla {
        /** How often the timers are checked (a {@code @Scheduled} "every" value; "off" disables). Default 15s. */
        @WithDefault("15s")
        String interval();

        /**
         * "About to breach" fires once the time left is at most this share of the tier's SLA
         * (earshot.priority.sla.*). Default 0.25: 15 minutes before a one-hour SLA breaches.
         */
        @WithDefault("0.25")
        double warnFraction();

        /** Tasks locked and alerted per transaction. Default 200. */
        @WithDefault("200")
        int batchSize();
    }

    interface Spike {
        /** How often spikes are evaluated (a {@code @Scheduled} "every" value; "off" disables). Default 1m. */
        @WithDefault("1m")
        String interval();

        /** The window whose mentions are compared with the baseline: the last one before now. Default 15 minutes. */
        @WithDefault("PT15M")
        Duration window();

        /** How many windows right before the last one form the baseline. Default 12 (3 hours). */
        @WithDefault("12")
        int baselineWindows();

        /** Volume fires when the window's mentions exceed baseline mean + k standard deviations. Default 3.0. */
        @WithDefault("3.0")
        double k();

        /** ...and the window has at least this many mentions. Default 10. */
        @WithDefault("10")
        long minMentions();

        /** Negative share fires when the window's share is at least the baseline's plus this. Default 0.25. */
        @WithDefault("0.25")
        double negativeShareDelta();

        /** ...and the window has at least this many negative mentions. Default 5. */
        @WithDefault("5")
        long minNegative();

        /** No second alert for a rule within this time after one. Default 1 hour. */
        @WithDefault("PT1H")
        Duration cooldown();
    }
}
