package dev.earshot.response.inbox;

import java.util.Locale;

import dev.earshot.response.task.TaskSummary;

/**
 * A queue row as the inbox shows it: the task, its SLA countdown worded ("12m left", "breached 5m ago") and its
 * reach (the largest follower count in the conversation; null when no post said).
 */
public record InboxRow(TaskSummary task, String sla, boolean breached, Long reach) {

    static InboxRow of(TaskSummary t) {
        return of(t, null);
    }

    static InboxRow of(TaskSummary t, Long reach) {
        Long left = t.secondsToBreach();
        if (left == null) {
            return new InboxRow(t, "answered", false, reach);
        }
        return left < 0 ? new InboxRow(t, "breached " + duration(-left) + " ago", true, reach)
                : new InboxRow(t, duration(left) + " left", false, reach);
    }

    /** The source's badge: a short text of our own (no platform logo), with {@link #sourceName} as its label. */
    public String badge() {
        return switch (task.source()) {
            case "hackernews" -> "HN";
            case "reddit" -> "Rd";
            case "mastodon" -> "Ma";
            case "bluesky" -> "Bs";
            case "rss" -> "RSS";
            default -> task.source().length() <= 3 ? task.source().toUpperCase(Locale.ROOT)
                    : task.source().substring(0, 3).toUpperCase(Locale.ROOT);
        };
    }

    public String sourceName() {
        return sourceName(task.source());
    }

    static String sourceName(String source) {
        return switch (source) {
            case "hackernews" -> "Hacker News";
            case "reddit" -> "Reddit";
            case "mastodon" -> "Mastodon";
            case "bluesky" -> "Bluesky";
            case "rss" -> "RSS feed";
            default -> source;
        };
    }

    /** 950, 12.3k, 4.1M followers; empty when unknown. */
    public String reachText() {
        return reach == null ? "" : count(reach);
    }

    static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1000.0).replace(".0k", "k");
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0).replace(".0M", "M");
    }

    /** 45s, 12m, 3h 5m, 2d 4h. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h " + minutes % 60 + "m";
        }
        return hours / 24 + "d " + hours % 24 + "h";
    }
}
