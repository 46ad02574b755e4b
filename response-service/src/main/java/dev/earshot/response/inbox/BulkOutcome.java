package dev.earshot.response.inbox;

/** What a bulk action did to one task: done, or refused with the status and the reason. */
public record BulkOutcome(long taskId, boolean done, int status, String message) {
}
