package dev.earshot.response.people;

import java.time.Instant;
import java.util.List;

/** A person as the API shows them. */
public record UserView(String id, String displayName, String email, String role, List<String> teams,
        String slackUserId, Instant createdAt, Instant updatedAt) {

    static UserView of(UserEntity u) {
        return new UserView(u.id, u.displayName, u.email, u.role, u.teams == null ? List.of() : u.teams,
                u.slackUserId, u.createdAt, u.updatedAt);
    }
}
