package dev.earshot.response.people;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web inbox's form sign-in against the directory. */
@ConfigMapping(prefix = "earshot.inbox")
public interface SignInConfig {

    /**
     * The first admin's password: at start, while nobody in the directory has role admin and a password, an admin
     * with {@link #adminEmail()} is created (or given this password and role admin when that person exists). Unset:
     * nobody is created. No default in production ({@code EARSHOT_INBOX_ADMIN_PASSWORD}).
     */
    Optional<String> adminPassword();

    /** The first admin's email, also their id (the name their tokens would carry). */
    @WithDefault("admin@earshot.local")
    String adminEmail();

    /**
     * Whether the session cookie is marked Secure (on in production, where TLS ends in front of the service and the
     * request reaching it is plain HTTP).
     */
    @WithDefault("false")
    boolean secureCookies();

    /** Bcrypt cost of the password hashes written. */
    @WithDefault("10")
    int bcryptCost();
}
