package dev.earshot.response.people;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /users/{id}}: the whole person (a PUT replaces it). */
@Schema(description = "A person of the directory")
public record UserRequest(
        @Schema(description = "Shown in the inbox and in saved replies' {agent}", examples = "Ann Example")
        @NotBlank @Size(max = 200) String displayName,
        @Schema(description = "Unique (case-insensitive); the coming web sign-in uses it", examples = "ann@acme.example")
        @NotBlank @Email @Size(max = 320) String email,
        @Schema(description = "agent, lead or admin", examples = "agent")
        @NotNull @Pattern(regexp = "agent|lead|admin", message = "must be agent, lead or admin") String role,
        @Schema(description = "Teams (earshot.routing.teams) an agent claims from", examples = "[\"support\"]")
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> teams,
        @Schema(description = "Slack user id (U123ABC): Slack buttons act as this person", examples = "U123ABC")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9]+", message = "must be a Slack user id such as U123ABC")
        String slackUserId) {
}
