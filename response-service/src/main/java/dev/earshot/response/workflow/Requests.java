package dev.earshot.response.workflow;

import java.time.Instant;

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

    @Schema(description = "Hide the task until a time; it comes back open (or claimed by its assignee)")
    public record Snooze(@Schema(examples = "2026-11-26T09:00:00Z") @NotNull Instant until) {
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
