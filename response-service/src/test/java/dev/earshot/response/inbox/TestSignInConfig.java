package dev.earshot.response.inbox;

import java.time.Duration;
import java.util.Optional;

import dev.earshot.response.people.SignInConfig;

/** Sign-in settings for tests that build the sign-in classes themselves (cheap bcrypt, no Secure cookies). */
record TestSignInConfig(Optional<String> adminPassword, String adminEmail, Mode signIn, boolean autoProvision)
        implements SignInConfig {

    @Override
    public boolean secureCookies() {
        return false;
    }

    @Override
    public int bcryptCost() {
        return 4;
    }

    @Override
    public OidcSignIn oidc() {
        return new OidcSignIn() {
            @Override
            public String emailClaim() {
                return "email";
            }

            @Override
            public boolean autoProvision() {
                return autoProvision;
            }

            @Override
            public Duration idTokenLifetime() {
                return Duration.ofHours(1);
            }
        };
    }
}
