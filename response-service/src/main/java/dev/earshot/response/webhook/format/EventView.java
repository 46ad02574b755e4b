package dev.earshot.response.webhook.format;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.earshot.response.task.TaskStatus;
import dev.earshot.response.webhook.WebhookEvent.SpikeSnapshot;
import dev.earshot.response.webhook.WebhookEvent.TaskSnapshot;
import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;

/**
 * What every format shows, as raw (unescaped, uncut) text: each format escapes and cuts it for its tool.
 */
final class EventView {

    /** One labelled value, such as "Tier" / "P1 (was P3)". */
    record Fact(String label, String value) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private EventView() {
    }

    static String eventTitle(WebhookEvent event) {
        return WebhookEventType.fromId(event.type()).map(WebhookEventType::title).orElse(event.type());
    }

    static boolean isSpike(WebhookEvent event) {
        return event.spike() != null;
    }

    /** "P1 · New task" or "Volume spike". */
    static String headline(WebhookEvent event) {
        return event.task() == null ? eventTitle(event) : event.task().tier() + " · " + eventTitle(event);
    }

    /** A one-line summary for notifications and clients that show no cards. */
    static String fallback(WebhookEvent event) {
        if (event.task() != null) {
            TaskSnapshot t = event.task();
            return headline(event) + ": " + Text.oneLine(t.title()) + " (" + t.source() + ", "
                    + timeToBreach(t) + ")";
        }
        SpikeSnapshot s = event.spike();
        return eventTitle(event) + ": " + s.rule() + ", " + s.mentions() + " mentions in " + window(s);
    }

    static String tier(TaskSnapshot t) {
        return t.previousTier() == null || t.previousTier().equals(t.tier()) ? t.tier()
                : t.tier() + " (was " + t.previousTier() + ")";
    }

    /** "@dana · 12.3k followers" */
    static String author(TaskSnapshot t) {
        String handle = t.authorHandle() == null ? "unknown author"
                : t.authorHandle().startsWith("@") ? t.authorHandle() : "@" + t.authorHandle();
        String followers = Text.followers(t.authorFollowers());
        return followers == null ? handle : handle + " · " + followers;
    }

    /** "negative (-0.82)" */
    static String sentiment(TaskSnapshot t) {
        String label = t.sentimentLabel() == null ? "unknown" : t.sentimentLabel();
        return t.sentimentScore() == null ? label : label + String.format(Locale.ROOT, " (%+.2f)", t.sentimentScore());
    }

    static String intents(TaskSnapshot t) {
        return t.intents() == null || t.intents().isEmpty() ? "none" : String.join(", ", t.intents());
    }

    /** "breaches in 12 min", "breached 5 min ago", "answered" or "no SLA". */
    static String timeToBreach(TaskSnapshot t) {
        if (t.secondsToBreach() != null) {
            return t.secondsToBreach() >= 0 ? "breaches in " + Text.duration(t.secondsToBreach())
                    : "breached " + Text.duration(t.secondsToBreach()) + " ago";
        }
        if (status(t) != null && !status(t).isActive() || t.slaDueAt() != null) {
            return "answered";
        }
        return "no SLA";
    }

    static String reasons(TaskSnapshot t) {
        return t.priorityReasons() == null || t.priorityReasons().isEmpty() ? null
                : String.join(" · ", t.priorityReasons());
    }

    /** The short facts of a task, in display order. */
    static List<Fact> taskFacts(TaskSnapshot t) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Tier", tier(t)));
        facts.add(new Fact("SLA", timeToBreach(t)));
        facts.add(new Fact("Source", t.source()));
        facts.add(new Fact("Author", author(t)));
        facts.add(new Fact("Sentiment", sentiment(t)));
        facts.add(new Fact("Intents", intents(t)));
        facts.add(new Fact("Team", t.team() == null ? "none" : t.team()));
        facts.add(new Fact("Assignee", t.assignee() == null ? "unassigned" : t.assignee()));
        if (t.resolvedBy() != null) {
            facts.add(new Fact("Resolved by", t.resolvedBy()));
        }
        return facts;
    }

    /** "18:45–19:00 UTC (15 min)" */
    static String window(SpikeSnapshot s) {
        return CLOCK.format(s.windowStart()) + "–" + CLOCK.format(s.windowEnd()) + " UTC ("
                + Text.duration(Duration.between(s.windowStart(), s.windowEnd()).toSeconds()) + ")";
    }

    static List<Fact> spikeFacts(SpikeSnapshot s) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Rule", s.rule()));
        facts.add(new Fact("Window", window(s)));
        facts.add(new Fact("Mentions", s.mentions() + " vs baseline mean " + Text.number(s.baselineMean())
                + " (threshold " + Text.number(s.threshold()) + ")"));
        facts.add(new Fact("Negative share", Text.percent(s.negativeShare()) + " (" + s.negativeMentions()
                + ") vs baseline " + Text.percent(s.baselineNegativeShare())));
        facts.add(new Fact("Reasons", s.reasons() == null || s.reasons().isEmpty() ? "none" : String.join(", ", s.reasons())));
        return facts;
    }

    static List<WebhookEvent.SpikeExample> examples(SpikeSnapshot s) {
        return s.examples() == null ? List.of() : s.examples().stream().limit(3).toList();
    }

    /** "@dana (negative): text" */
    static String example(WebhookEvent.SpikeExample e) {
        String handle = e.authorHandle() == null ? "unknown author"
                : e.authorHandle().startsWith("@") ? e.authorHandle() : "@" + e.authorHandle();
        return handle + (e.sentimentLabel() == null ? "" : " (" + e.sentimentLabel() + ")") + ": "
                + Text.oneLine(e.excerpt() == null ? "" : e.excerpt());
    }

    /** Tier colour as RGB: P1 red, P2 orange, P3 yellow, P4 grey; spikes purple. */
    static int color(WebhookEvent event) {
        if (event.task() == null) {
            return 0x7B3FE4;
        }
        return switch (event.task().tier() == null ? "" : event.task().tier()) {
            case "P1" -> 0xE01E5A;
            case "P2" -> 0xF2A33A;
            case "P3" -> 0xECB22E;
            default -> 0x8D8D8D;
        };
    }

    static String hexColor(WebhookEvent event) {
        return String.format("#%06X", color(event));
    }

    /** Whether the task can still be worked on (claim, resolve, snooze). */
    static boolean active(TaskSnapshot t) {
        return status(t) != null && status(t).isActive();
    }

    static boolean claimable(TaskSnapshot t) {
        return status(t) == TaskStatus.OPEN || status(t) == TaskStatus.SNOOZED;
    }

    private static TaskStatus status(TaskSnapshot t) {
        return TaskStatus.of(t.status());
    }

    /** Only http(s) links are offered as buttons. */
    static boolean isLink(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }
}
