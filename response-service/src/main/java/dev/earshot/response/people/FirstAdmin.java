package dev.earshot.response.people;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.earshot.response.common.Clocks;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The inbox's first admin, from {@code earshot.inbox.admin-password} at start: written while nobody in the directory
 * is an admin with a password, after the directory seed (so the seed still sees an empty directory). Later starts
 * write nothing, so a changed secret does not reset a password set since.
 */
@ApplicationScoped
public class FirstAdmin {

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event, SignInConfig config,
            UserRepository users, Clock clock) throws Throwable {
        create(config, users, clock);
    }

    /** Creates the first admin when configured and missing; true when written. */
    public static boolean create(SignInConfig config, UserRepository users, Clock clock) throws Throwable {
        if (config.adminPassword().isEmpty() || config.adminPassword().get().isBlank()) {
            return false;
        }
        String email = config.adminEmail().strip().toLowerCase(java.util.Locale.ROOT);
        String hash = BcryptUtil.bcryptHash(config.adminPassword().get(), config.bcryptCost());
        Instant now = Clocks.now(clock);
        boolean written = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> users
                .count("role = 'admin' and passwordHash is not null").flatMap(admins -> admins > 0
                        ? Uni.createFrom().item(false)
                        : users.byEmail(email).flatMap(existing -> {
                            UserEntity u = existing != null ? existing : new UserEntity();
                            if (existing == null) {
                                u.id = email;
                                u.email = email;
                                u.displayName = "Administrator";
                                u.teams = List.of();
                                u.createdAt = now;
                            }
                            u.role = "admin";
                            u.passwordHash = hash;
                            u.updatedAt = now;
                            return (existing == null ? users.persist(u) : Uni.createFrom().item(u)).replaceWith(true);
                        }))));
        if (written) {
            Log.infof("Inbox admin %s created from earshot.inbox.admin-password", email);
        }
        return written;
    }
}
