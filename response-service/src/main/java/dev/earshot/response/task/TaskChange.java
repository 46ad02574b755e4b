package dev.earshot.response.task;

import java.time.Instant;

/**
 * Something that happened to a task that other features may want to announce (the webhook outbox does): fired by
 * task code inside the transaction of the change, so whatever an observer writes commits or rolls back with it.
 *
 * @param kind         what happened
 * @param task         the task after the change
 * @param latest       its newest post (null when unknown)
 * @param previousTier the tier before an escalation (null otherwise)
 * @param at           when
 */
public record TaskChange(Kind kind, TaskEntity task, MentionEntity latest, String previousTier, Instant at) {

    public enum Kind {
        /** A first post made a new task. */
        CREATED,
        /** A post raised the task's tier. */
        ESCALATED,
        /** The task was answered (by the API or a chat tool). */
        RESOLVED,
        /** An agent recorded a reply (the task may stay open). */
        REPLIED,
        /** A resolved or dismissed task is open again (by the API, or a negative post). */
        REOPENED,
        /**
         * Any workflow action changed the task (claim, note, snooze, ... and the above): fired after the kinds above,
         * for views that show the task as it is (the inbox's live queue); not an announced event.
         */
        UPDATED
    }
}
