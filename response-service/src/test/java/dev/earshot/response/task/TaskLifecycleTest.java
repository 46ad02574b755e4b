package dev.earshot.response.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.earshot.response.common.ConflictException;

/** The task's lifecycle without Quarkus or a database: transitions, SLA clock, first response. */
class TaskLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration SLA = Duration.ofHours(1);

    private static TaskEntity openTask() {
        TaskEntity task = new TaskEntity();
        task.id = 7L;
        task.status = TaskStatus.OPEN;
        task.slaStartedAt = T0;
        task.slaDueAt = T0.plus(SLA);
        return task;
    }

    @Test
    void theTransitionsAreTheWorkflowsDiagram() {
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                boolean expected = from.isActive() ? to != TaskStatus.OPEN || from != TaskStatus.OPEN
                        : to == TaskStatus.OPEN;
                assertEquals(expected, from.canBecome(to), from + " -> " + to);
            }
        }
        assertEquals("snoozed", TaskStatus.SNOOZED.wire());
        assertEquals(TaskStatus.DISMISSED, TaskStatus.of("dismissed"));
        assertThrows(IllegalArgumentException.class, () -> TaskStatus.of("Open"));
    }

    @Test
    void aResolveAnswersTheSlaClockAndTheFirstOneIsTheFirstResponse() {
        TaskEntity task = openTask();
        Instant at = T0.plus(Duration.ofMinutes(30));
        assertTrue(task.resolve("dana", at, "https://example.com/reply", "thanks"));
        assertEquals(TaskStatus.RESOLVED, task.status);
        assertEquals("dana", task.assignee);
        assertEquals(at, task.respondedAt);
        assertEquals(1800.0, task.firstResponseSeconds);
        assertNull(task.secondsToBreach(at));

        Instant reopened = T0.plus(Duration.ofHours(2));
        task.reopen(reopened, SLA);
        assertEquals(TaskStatus.OPEN, task.status);
        assertNull(task.assignee);
        assertNull(task.respondedAt);
        assertEquals(reopened.plus(SLA), task.slaDueAt);
        assertEquals(3600L, task.secondsToBreach(reopened));

        Instant late = reopened.plus(Duration.ofHours(3));
        assertFalse(task.resolve("eli", late, null, null), "answered after the SLA");
        assertEquals("dana", task.firstResponseBy, "a reopen never rewrites the first response");
        assertEquals(1800.0, task.firstResponseSeconds);
        assertEquals("https://example.com/reply", task.replyUrl, "a chat resolve does not record a reply");
    }

    @Test
    void aReplyKeepsTheStatusAnswersTheClockOnceAndIsTheFirstResponse() {
        TaskEntity task = openTask();
        Instant late = T0.plus(Duration.ofMinutes(90));
        assertFalse(task.replied("dana", late, null, "sent a DM"), "answered after the SLA");
        assertEquals(TaskStatus.OPEN, task.status);
        assertNull(task.assignee);
        assertEquals("dana", task.firstResponseBy);
        assertEquals(5400.0, task.firstResponseSeconds);
        assertNull(task.secondsToBreach(late));
        assertNull(task.replied("eli", late.plusSeconds(60), "https://example.com/r", null),
                "the clock was already answered");
        assertEquals("eli", task.lastReplyBy);
        assertEquals("https://example.com/r", task.replyUrl);
        assertEquals("dana", task.firstResponseBy);
    }

    @Test
    void aSnoozeEndsClaimedWhenSomeoneHasTheTask() {
        TaskEntity task = openTask();
        task.snooze(T0.plusSeconds(60), T0);
        task.wake(T0);
        assertEquals(TaskStatus.OPEN, task.status);
        task.claim("dana", T0);
        task.snooze(T0.plusSeconds(60), T0);
        assertEquals("dana", task.assign("eli", T0), "assigning keeps a snoozed task snoozed");
        assertEquals(TaskStatus.SNOOZED, task.status);
        task.wake(T0);
        assertEquals(TaskStatus.CLAIMED, task.status);
        assertNull(task.snoozedUntil);
        assertEquals("eli", task.unassign());
        assertEquals(TaskStatus.OPEN, task.status);
    }

    @Test
    void aSnoozePausesTheSlaClock() {
        TaskEntity task = openTask();
        Instant due = task.slaDueAt;
        Instant snoozed = T0.plusSeconds(600);
        task.snooze(T0.plusSeconds(7200), snoozed);
        long left = task.secondsToBreach(snoozed);
        assertEquals(left, task.secondsToBreach(snoozed.plusSeconds(5000)), "paused while snoozed");
        task.snooze(T0.plusSeconds(9000), snoozed.plusSeconds(100));
        task.wake(snoozed.plusSeconds(1200));
        assertEquals(due.plusSeconds(1200), task.slaDueAt, "the SLA is due the pause later");
        assertEquals(left, task.secondsToBreach(snoozed.plusSeconds(1200)));
        assertEquals(task.slaDue(SLA), task.slaDueAt, "a recomputed SLA keeps the pause");
    }

    @Test
    void aWrongStatusIsAConflictNamingIt() {
        TaskEntity task = openTask();
        task.dismiss("spam", null, T0);
        ConflictException e = assertThrows(ConflictException.class,
                () -> task.requireStatus("claim", TaskStatus.OPEN, TaskStatus.SNOOZED));
        assertEquals("cannot claim task 7 while it is dismissed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> task.claim("dana", T0));
        assertNull(task.secondsToBreach(T0), "no SLA for a dismissed task");
    }

    @Test
    void secondsToBreachIsNegativeOnceBreached() {
        TaskEntity task = openTask();
        assertEquals(-60L, task.secondsToBreach(T0.plus(SLA).plusSeconds(60)));
        assertEquals(59L, task.secondsToBreach(T0.plus(SLA).minusMillis(59_500)), "whole seconds, toward zero");
    }
}
