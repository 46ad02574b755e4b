package dev.earshot.response.people;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.earshot.response.common.Clocks;
import dev.earshot.response.task.Router;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Writes {@code earshot.people.seed} into the directory at start, when the directory is empty. */
@ApplicationScoped
public class DirectorySeed {

    void onStart(@Observes StartupEvent event, PeopleConfig config, UserRepository users, Router router, Clock clock)
            throws Throwable {
        if (config.seed().isEmpty()) {
            return;
        }
        Instant now = Clocks.now(clock);
        List<UserEntity> seed = config.seed().entrySet().stream().map(e -> user(e, router, now)).toList();
        int written = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> users.inUse()
                .flatMap(inUse -> inUse ? Uni.createFrom().item(0)
                        : users.persist(seed).replaceWith(seed.size()))));
        if (written > 0) {
            Log.infof("User directory seeded with %d people from earshot.people.seed", written);
        }
    }

    private static UserEntity user(Map.Entry<String, PeopleConfig.Seed> e, Router router, Instant now) {
        PeopleConfig.Seed s = e.getValue();
        if (!List.of("agent", "lead", "admin").contains(s.role())) {
            throw new IllegalStateException("earshot.people.seed." + e.getKey() + ".role must be agent, lead or admin");
        }
        List<String> teams = s.teams().orElse(List.of());
        for (String team : teams) {
            if (!router.isTeam(team)) {
                throw new IllegalStateException("earshot.people.seed." + e.getKey() + ".teams: " + team
                        + " is not a team of earshot.routing.teams");
            }
        }
        UserEntity u = new UserEntity();
        u.id = s.id().orElse(s.email());
        u.displayName = s.displayName();
        u.email = s.email();
        u.role = s.role();
        u.teams = teams;
        u.slackUserId = s.slackUserId().orElse(null);
        u.createdAt = now;
        u.updatedAt = now;
        return u;
    }
}
