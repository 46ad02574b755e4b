package dev.earshot.response.people;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person as the API shows them (whether they have an inbox password, never its hash). */
public record UserView(String id, String displayName, String email, String role, List<String> teams,
        String slackUserId,
        @Schema(description = "Whether the person has a password to sign in to the web inbox") boolean passwordSet,
        Instant createdAt, Instant updatedAt) {

    static UserView of(UserEntity u) {
        return new UserView(u.id, u.displayName, u.email, u.role, u.teams == null ? List.of() : u.teams,
                u.slackUserId, u.passwordHash != null, u.createdAt, u.updatedAt);
    }
}
