package dev.earshot.response.workflow;


import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.earshot.web.InvalidRequestException;

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

    @Schema(description = "A reply made to the customer: where, an optional link (required for a public reply; "
            + "absolute http(s) when given) and optional text")
    public record Reply(
            @Schema(enumeration = {"public", "dm", "email", "other"}) @NotNull
            @Pattern(regexp = "public|dm|email|other", message = "must be one of public, dm, email, other")
            String channel,
            @Schema(examples = "https://news.ycombinator.com/item?id=41000999") @Size(max = 2000) String link,
            @Schema(examples = "Sorry about the outage, it is fixed since 10:40 UTC; details on our status page.")
            @Size(max = 10_000) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String text) {
    }

    @Schema(description = "Resolve, optionally recording the reply that answered (none: made elsewhere, or no reply "
            + "needed). replyUrl and replyText are the older shorthand for a public reply")
    public record Resolve(
            @Valid Reply reply,
            @Schema(deprecated = true, description = "Use reply") @Size(max = 2000) String replyUrl,
            @Schema(deprecated = true, description = "Use reply") @Size(max = 10_000)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String replyText) {

        /** The reply to record; null when none. */
        Reply recorded() {
            if (reply != null && (replyUrl != null || replyText != null)) {
                throw new InvalidRequestException("send reply or replyUrl/replyText, not both");
            }
            return reply != null ? reply : replyUrl != null || replyText != null
                    ? new Reply("public", replyUrl, replyText) : null;
        }
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
