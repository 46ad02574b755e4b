package dev.earshot.response.people;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The web inbox's sign-in against the directory: the form's user name is the person's email (any case) or id, the
 * password is checked against their bcrypt hash (on a worker thread: bcrypt is slow on purpose), and the identity
 * is the person's id with their directory role, the same name and role a bearer token of theirs carries. The
 * session cookie names the id; each request restores the identity from the directory
 * ({@link Restore}), so a person deleted or given another role is signed out or changed at once.
 */
public final class SignIn {

    private SignIn() {
    }

    static SecurityIdentity identity(UserEntity user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.id)).addRole(user.role)
                .build();
    }

    /** Email or id and password, from the sign-in form. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final UserRepository users;
        /**
         * Checked when the name is unknown or has no password, so a wrong name takes as long as a wrong password
         * and the answer's time does not tell whether an account exists.
         */
        private final String standIn;

        public Password(UserRepository users, SignInConfig config) {
            this.users = users;
            this.standIn = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), config.bcryptCost());
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            String name = request.getUsername().strip().toLowerCase(Locale.ROOT);
            String password = new String(request.getPassword().getPassword());
            return Panache.withSession(() -> users.byEmail(name).flatMap(u -> u != null
                    ? Uni.createFrom().item(u) : users.findById(name)))
                    .flatMap(user -> context.runBlocking(() -> {
                        boolean known = user != null && user.passwordHash != null;
                        boolean matches = BcryptUtil.matches(password, known ? user.passwordHash : standIn);
                        if (!known || !matches) {
                            throw new AuthenticationFailedException("wrong user name or password");
                        }
                        return identity(user);
                    }));
        }
    }

    /** The identity of a valid session cookie, read again from the directory. */
    @ApplicationScoped
    public static class Restore implements IdentityProvider<TrustedAuthenticationRequest> {

        private final UserRepository users;

        public Restore(UserRepository users) {
            this.users = users;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return Panache.withSession(() -> users.findById(request.getPrincipal())).map(user -> {
                if (user == null || user.passwordHash == null) {
                    throw new AuthenticationFailedException("no longer in the directory");
                }
                return identity(user);
            });
        }
    }
}
