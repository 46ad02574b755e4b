package dev.earshot.response.people;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The web inbox's sign-in: a form against the directory's passwords, or the OIDC authorization-code flow of the
 * company's identity provider with the person found in the directory by email (issue 18).
 */
@ConfigMapping(prefix = "earshot.inbox")
public interface SignInConfig {

    /** How people sign in to the inbox; the bearer API is the same in both. */
    enum Mode {
        /** Quarkus form authentication against the directory's bcrypt hashes ({@link SignIn}). */
        form,
        /** The OIDC authorization-code flow ({@code quarkus.oidc.*}), the person found by email ({@link SignIn.Oidc}). */
        oidc
    }

    /**
     * The one switch ({@code EARSHOT_INBOX_SIGN_IN}): application.properties derives from it which mechanism guards
     * {@code /inbox} and whether the OIDC tenant is on.
     */
    @WithDefault("form")
    Mode signIn();

    /** OIDC sign-in (mode {@code oidc}). */
    OidcSignIn oidc();

    interface OidcSignIn {
        /** The ID token claim holding the email the directory is searched by (some providers: upn, preferred_username). */
        @WithDefault("email")
        String emailClaim();

        /**
         * Whether someone the provider signed in but the directory does not know is added as an agent without teams
         * (an admin then gives them teams); off: they are refused with a page saying so.
         */
        @WithDefault("false")
        boolean autoProvision();

        /**
         * The longest an ID token of the provider lives ({@code EARSHOT_INBOX_OIDC_ID_TOKEN_LIFETIME}): a sign-in the
         * provider ended is kept that long plus the session timeout ({@link EndedSignIns}), as long as a copy of its
         * session cookie could still be presented.
         */
        @WithDefault("PT1H")
        Duration idTokenLifetime();
    }

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
