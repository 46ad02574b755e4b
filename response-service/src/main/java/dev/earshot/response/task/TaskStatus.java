package dev.earshot.response.task;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a task is in its life, and where it may go from there:
 *
 * <pre>
 * open     -> claimed, snoozed, resolved, dismissed
 * claimed  -> open (unassign), claimed (reassign), snoozed, resolved, dismissed
 * snoozed  -> open/claimed (time up, or a new post), snoozed, resolved, dismissed
 * resolved -> open (reopen, or a negative post)      dismissed -> open (reopen)
 * </pre>
 *
 * Stored and shown in lower case ({@link #wire()}, also {@link #toString()}).
 */
public enum TaskStatus {
    OPEN, CLAIMED, SNOOZED, RESOLVED, DISMISSED;

    /** Waiting for their answer: what the queue lists when no status is asked for. */
    public static final Set<TaskStatus> ACTIVE = EnumSet.of(OPEN, CLAIMED, SNOOZED);

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
            OPEN, EnumSet.of(CLAIMED, SNOOZED, RESOLVED, DISMISSED),
            CLAIMED, EnumSet.of(OPEN, CLAIMED, SNOOZED, RESOLVED, DISMISSED),
            SNOOZED, EnumSet.of(OPEN, CLAIMED, SNOOZED, RESOLVED, DISMISSED),
            RESOLVED, EnumSet.of(OPEN),
            DISMISSED, EnumSet.of(OPEN));

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The status as the API and the database spell it. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** Whether the workflow allows going from this status to {@code next}. */
    public boolean canBecome(TaskStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The status spelled {@code wire}; null for null; IllegalArgumentException for anything else. */
    public static TaskStatus of(String wire) {
        if (wire == null) {
            return null;
        }
        for (TaskStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no task status " + wire);
    }

    /** Every status, spelled for the API. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TaskStatus::wire).toList();
    }
}
