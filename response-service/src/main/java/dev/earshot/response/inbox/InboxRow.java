package dev.earshot.response.inbox;

import dev.earshot.response.task.TaskSummary;

/** A queue row as the inbox shows it: the task, and its SLA countdown worded ("12m left", "breached 5m ago"). */
public record InboxRow(TaskSummary task, String sla, boolean breached) {

    static InboxRow of(TaskSummary t) {
        Long left = t.secondsToBreach();
        if (left == null) {
            return new InboxRow(t, "answered", false);
        }
        return left < 0 ? new InboxRow(t, "breached " + duration(-left) + " ago", true)
                : new InboxRow(t, duration(left) + " left", false);
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
