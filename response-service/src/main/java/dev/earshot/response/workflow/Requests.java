package dev.earshot.response.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the workflow, with their Bean Validation constraints (a violation answers 400 invalid-request). */
public final class Requests {

    private Requests() {
    }

    @Schema(description = "Who takes the task: yourself, or anyone when you are a lead or admin")
    public record Assign(@Schema(examples = "dana@acme.example") @NotBlank @Size(max = 200) String assignee) {
    }

    @Schema(description = "Hide the task from the default queue until a time; it comes back open (or claimed by its "
            + "assignee), earlier when a new post of the conversation arrives. Its SLA clock is paused meanwhile")
    public record Snooze(
            @Schema(description = "An ISO-8601 duration from now (PT2H, P1D) or an instant (2026-11-26T09:00:00Z), "
                    + "in the future and at most earshot.workflow.max-snooze (30 days) ahead",
                    examples = "PT2H") @NotBlank @Size(max = 64) String until) {
    }

    @Schema(description = "An internal note, never published")
    public record Note(
            @Schema(examples = "Asked engineering for the incident number") @NotBlank @Size(max = 10_000) String text) {
    }

    @Schema(description = "Our public reply")
    public record Resolve(
            @Schema(examples = "https://news.ycombinator.com/item?id=41000999") @NotNull String replyUrl,
            @Schema(examples = "Sorry about the outage, it is fixed since 10:40 UTC; details on our status page.")
            @NotBlank @Size(max = 10_000) String replyText) {
    }

    @Schema(description = "Why the task needs no answer")
    public record Dismiss(
            @Schema(enumeration = {"spam", "irrelevant", "duplicate"}) @NotNull
            @Pattern(regexp = "spam|irrelevant|duplicate", message = "must be one of spam, irrelevant, duplicate")
            String reason,
            @Schema(description = "With reason duplicate: the task that is answered instead") Long duplicateOfTaskId) {
    }

    @Schema(description = "The team the task moves to")
    public record Route(@Schema(examples = "legal") @NotBlank String team) {
    }
}
