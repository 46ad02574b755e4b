package dev.earshot.response.people;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.earshot.response.common.Clocks;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
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
 * ({@link Restore}), so a person deleted or given another role is signed out or changed at once. With OIDC sign-in
 * ({@code earshot.inbox.sign-in=oidc}) the provider says who it is and {@link Oidc} finds them in the directory.
 */
public final class SignIn {

    private SignIn() {
    }

    static SecurityIdentity identity(UserEntity user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.id)).addRole(user.role)
                .build();
    }

    /**
     * The person an OIDC sign-in names, from the directory: the ID token's email claim
     * ({@code earshot.inbox.oidc.email-claim}) finds them (any case), and the identity becomes theirs exactly as a form
     * sign-in makes it (their id, their directory role; the provider's groups or roles count for nothing), keeping the
     * tokens for refresh and sign-out and the ID token as principal ({@link OidcPrincipal}, for back-channel logout).
     * It runs on every request of the session, so a person deleted or given another role is changed at once, and a
     * session the provider ended (back-channel logout, recorded by {@link EndedSignIns} on whichever replica the
     * provider reached) is signed out ({@link EndedSignIns#signOut}: the session cookie cleared, back to the login
     * page); the same query reads the person and checks that. Someone
     * the directory does not know (or whose email the provider marks unverified) keeps an identity without roles,
     * {@link #NOT_IN_DIRECTORY} naming the email: the inbox refuses them with a page saying so (inbox.SignInFailures),
     * not with a sign-in loop. With {@code earshot.inbox.oidc.auto-provision} they
     * are added as agents without teams instead. Bearer tokens and form sign-ins pass unchanged: only identities
     * carrying an OIDC ID token are touched.
     */
    @ApplicationScoped
    public static class Oidc implements SecurityIdentityAugmentor {

        /** Attribute of an OIDC identity the directory refused: the email the provider gave (maybe empty). */
        public static final String NOT_IN_DIRECTORY = "earshot.not-in-directory";

        /** Attribute (true) of an OIDC identity refused because the provider marks its email unverified. */
        public static final String EMAIL_UNVERIFIED = "earshot.email-unverified";

        private final UserRepository users;
        private final EndedSignIns ended;
        private final SignInConfig.OidcSignIn config;
        private final Clock clock;

        public Oidc(UserRepository users, EndedSignIns ended, SignInConfig config, Clock clock) {
            this.users = users;
            this.ended = ended;
            this.config = config.oidc();
            this.clock = clock;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) == null
                    || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                return Uni.createFrom().item(identity);
            }
            String email = text(token.getClaim(config.emailClaim()));
            email = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
            if (email.isEmpty() || unverified(token.getClaim("email_verified"))) {
                Log.infof("Inbox OIDC sign-in refused: no verified email in claim %s", config.emailClaim());
                return Uni.createFrom().item(refused(identity, email, !email.isEmpty()));
            }
            String found = email;
            String name = text(token.getClaim("name"));
            EndedSignIns.Key key = EndedSignIns.Key.of(token);
            return Panache.withSession(() -> users.byEmailWhileSignedIn(found, key).flatMap(user -> user != null
                    ? Uni.createFrom().item(new Found(user, false))
                    : ended.ended(key).map(gone -> new Found(null, gone)))).flatMap(f -> {
                        if (f.user() != null) {
                            return Uni.createFrom().item(signedIn(identity, f.user()));
                        }
                        if (f.ended()) {
                            Log.infof("Inbox OIDC session of %s signed out: the provider ended it (sid %s)", found,
                                    key.sid());
                            return Uni.createFrom().failure(ended.signOut(identity));
                        }
                        if (!config.autoProvision()) {
                            Log.infof("Inbox OIDC sign-in of %s refused: not in the directory", found);
                            return Uni.createFrom().item(refused(identity, found, false));
                        }
                        return provision(found, name).map(u -> signedIn(identity, u));
                    });
        }

        /** The directory's person for the sign-in (null: not in the directory, or ended). */
        private record Found(UserEntity user, boolean ended) {
        }

        private Uni<UserEntity> provision(String email, String name) {
            Instant now = Clocks.now(clock);
            return Panache.withTransaction(() -> users.byEmail(email).flatMap(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(existing);
                }
                UserEntity u = new UserEntity();
                u.id = email;
                u.email = email;
                u.displayName = name == null || name.isBlank() ? email : name.strip();
                u.role = "agent";
                u.teams = List.of();
                u.createdAt = now;
                u.updatedAt = now;
                Log.infof("Inbox OIDC sign-in added %s to the directory as an agent without teams", email);
                return users.persist(u);
            }));
        }

        private static SecurityIdentity signedIn(SecurityIdentity oidc, UserEntity user) {
            return QuarkusSecurityIdentity.builder().setPrincipal(new OidcPrincipal(user.id, oidc)).addRole(user.role)
                    .addCredentials(oidc.getCredentials()).addAttributes(oidc.getAttributes()).build();
        }

        private static SecurityIdentity refused(SecurityIdentity oidc, String email, boolean unverified) {
            return QuarkusSecurityIdentity.builder().setPrincipal(new OidcPrincipal(email.isEmpty()
                    ? oidc.getPrincipal().getName() : email, oidc)).addCredentials(oidc.getCredentials())
                    .addAttributes(oidc.getAttributes()).addAttribute(NOT_IN_DIRECTORY, email)
                    .addAttribute(EMAIL_UNVERIFIED, unverified).build();
        }

        private static String text(Object claim) {
            return claim instanceof JsonString s ? s.getString() : claim instanceof String s ? s : null;
        }

        /** email_verified false (a JSON boolean or, from some providers, the string "false"); absent counts as verified. */
        private static boolean unverified(Object claim) {
            return claim != null && (Boolean.FALSE.equals(claim) || JsonValue.ValueType.FALSE.equals(
                    claim instanceof JsonValue v ? v.getValueType() : null) || "false".equals(text(claim)));
        }
    }

    /**
     * The principal of an OIDC sign-in: named as the directory names the person (their id; the email for someone
     * refused), and still the provider's ID token, whose claims it answers. quarkus-oidc reads the ID token back from
     * the identity it gets after the augmentors, casting the principal to {@link JsonWebToken}: its back-channel
     * logout reads the session's sid there on every request once a logout token has come (with a plain principal
     * every OIDC session then failed with 401, InboxOidcSignInTest).
     */
    static final class OidcPrincipal implements JsonWebToken {

        private final String name;
        private final JsonWebToken idToken;

        OidcPrincipal(String name, SecurityIdentity oidc) {
            this.name = name;
            this.idToken = (JsonWebToken) oidc.getPrincipal();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return idToken.getClaimNames();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return idToken.getClaim(claimName);
        }

        @Override
        public String toString() {
            return "OidcPrincipal[" + name + "]";
        }
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
