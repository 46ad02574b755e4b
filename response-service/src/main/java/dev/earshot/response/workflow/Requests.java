package dev.earshot.response.workflow;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the workflow. */
public final class Requests {

    private Requests() {
    }

    @Schema(description = "Who takes the task: yourself, or anyone when you are a lead or admin")
    public record Assign(@Schema(examples = "dana@acme.example") String assignee) {
    }

    @Schema(description = "Hide the task until a time; it comes back open (or claimed by its assignee)")
    public record Snooze(@Schema(examples = "2026-11-26T09:00:00Z") Instant until) {
    }

    @Schema(description = "An internal note, never published")
    public record Note(@Schema(examples = "Asked engineering for the incident number") String text) {
    }

    @Schema(description = "Our public reply")
    public record Resolve(
            @Schema(examples = "https://news.ycombinator.com/item?id=41000999") String replyUrl,
            @Schema(examples = "Sorry about the outage, it is fixed since 10:40 UTC; details on our status page.")
            String replyText) {
    }

    @Schema(description = "Why the task needs no answer")
    public record Dismiss(
            @Schema(enumeration = {"spam", "irrelevant", "duplicate"}) String reason,
            @Schema(description = "With reason duplicate: the task that is answered instead") Long duplicateOfTaskId) {
    }

    @Schema(description = "The team the task moves to")
    public record Route(@Schema(examples = "legal") String team) {
    }
}
