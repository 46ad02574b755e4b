package dev.earshot.response.people;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.earshot.response.common.Clocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Inbox sign-ins the company's identity provider ended (OpenID Connect Back-Channel Logout 1.0), kept in PostgreSQL
 * ({@code ended_sign_in}, V11) so that every replica refuses them, on every request, until they could no longer be
 * used anyway. quarkus-oidc's own handler keeps a logout only in the memory of the replica the provider reached and
 * forgets it at the first matching request; this record is what ends the session ({@link SignIn.Oidc} reads it with
 * the directory).
 * <p>
 * Only logout tokens quarkus-oidc verified are recorded, so a stranger cannot grow the table: its handler fires
 * {@link SecurityEvent.Type#OIDC_BACKCHANNEL_LOGOUT_INITIATED} after checking the token (the provider's signature,
 * issuer, audience, exp, the logout event, no nonce, the configured key claim) and before answering 200, and never
 * for a token it refuses (400). The event does not expose the token's claims (its {@code logout_token} property is
 * quarkus-oidc's internal verification result), so a filter running just before the handler on the back-channel
 * path keeps the request in the Vert.x request context, and the observer reads the very form field the handler
 * verified and decodes its claims (no second verification: it is the same string).
 */
@ApplicationScoped
public class EndedSignIns {

    /** The form field the provider posts the logout token in. */
    static final String LOGOUT_TOKEN = "logout_token";
    /** After authorization (100), before quarkus-oidc's back-channel logout handler (50). */
    static final int FILTER_PRIORITY = 60;
    private static final String REQUEST = EndedSignIns.class.getName() + ".request";
    /** quarkus-oidc's session cookie (default tenant); a long one is split into {@code q_session_chunk_1...}. */
    static final String SESSION_COOKIE = "q_session";

    /** The session (sid) and person (sub) of an ID token, and when it was issued. */
    public record Key(String sid, String sub, Instant issuedAt) {

        static Key of(JsonWebToken idToken) {
            return new Key(text(idToken.getClaim("sid")), text(idToken.getClaim("sub")),
                    Instant.ofEpochSecond(seconds(idToken.getClaim("iat"))));
        }
    }

    private final Optional<String> backChannelPath;
    private final String cookiePath;
    private final String loginPage;
    private final Duration kept;
    private final Clock clock;

    public EndedSignIns(@ConfigProperty(name = "quarkus.oidc.logout.backchannel.path") Optional<String> backChannelPath,
            @ConfigProperty(name = "quarkus.oidc.authentication.cookie-path", defaultValue = "/") String cookiePath,
            @ConfigProperty(name = "quarkus.http.auth.form.login-page", defaultValue = "/inbox/login") String loginPage,
            @ConfigProperty(name = "quarkus.oidc.authentication.session-age-extension") Optional<Duration> sessionTimeout,
            SignInConfig config, Clock clock) {
        this.backChannelPath = backChannelPath;
        this.cookiePath = cookiePath;
        this.loginPage = loginPage;
        this.kept = sessionTimeout.orElse(Duration.ofHours(8)).plus(config.oidc().idTokenLifetime());
        this.clock = clock;
    }

    /**
     * Signs out a session the provider ended, as quarkus-oidc's own back-channel logout does: its session cookie
     * ({@value #SESSION_COOKIE}, and the chunks of a long one) expires and the browser goes to the login page (303).
     * The failure to end the authentication with: a redirect, which quarkus-oidc and Quarkus pass on as it is (any
     * other failure of an augmentor is logged by both as an error and answered 401).
     */
    public AuthenticationRedirectException signOut(SecurityIdentity identity) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(identity);
        if (rc != null) {
            for (Cookie cookie : rc.request().cookies()) {
                if (cookie.getName().startsWith(SESSION_COOKIE)) {
                    rc.response().addCookie(Cookie.cookie(cookie.getName(), "").setPath(cookiePath).setMaxAge(0));
                }
            }
        }
        return new AuthenticationRedirectException(303, loginPage);
    }

    /**
     * SQL true when the ID token's sign-in was ended (parameters {@code :sid}, {@code :sub}, {@code :iat}; without
     * sid: {@code :sub}, {@code :iat}): its session by sid, or the person (a logout naming sub only ends all their
     * sessions issued until then). An ID token without sid can only be matched by the person: any logout of theirs
     * issued at or after it ends it. Two indexed lookups (ended_sign_in_sid_idx, ended_sign_in_sub_idx).
     */
    static String endedSql(Key key) {
        String byPerson = "EXISTS (SELECT 1 FROM ended_sign_in e WHERE e.sub = :sub AND e.ended_at >= :iat"
                + (key.sid() == null ? ")" : " AND e.sid IS NULL)");
        return key.sid() == null ? byPerson
                : "(EXISTS (SELECT 1 FROM ended_sign_in e WHERE e.sid = :sid) OR " + byPerson + ")";
    }

    static <R> Mutiny.SelectionQuery<R> bind(Mutiny.SelectionQuery<R> query, Key key) {
        if (key.sid() != null) {
            query.setParameter("sid", key.sid());
        }
        return query.setParameter("sub", key.sub() == null ? "" : key.sub()).setParameter("iat", key.issuedAt());
    }

    /** Whether this ID token's sign-in was ended (within a session). */
    public Uni<Boolean> ended(Key key) {
        return Panache.getSession().flatMap(s -> bind(s.createNativeQuery("SELECT " + endedSql(key), Boolean.class),
                key).getSingleResult());
    }

    /** Records an ended sign-in (sid and/or sub); a session already recorded is left as it is. */
    public Uni<Integer> record(String sid, String sub, Instant endedAt) {
        Instant now = Clocks.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                INSERT INTO ended_sign_in (sid, sub, ended_at, recorded_at)
                VALUES (CAST(:sid AS TEXT), CAST(:sub AS TEXT), :ended, :now)
                ON CONFLICT (sid) WHERE sid IS NOT NULL DO NOTHING
                """)
                .setParameter("sid", sid)
                .setParameter("sub", sub)
                .setParameter("ended", endedAt)
                .setParameter("now", now)
                .executeUpdate()));
    }

    /**
     * Forgets sign-ins ended longer ago than a session of theirs could still be presented: the session timeout
     * ({@code EARSHOT_INBOX_SESSION_TIMEOUT}, how long past its ID token's expiry quarkus-oidc keeps a session) plus
     * the provider's ID token lifetime ({@code EARSHOT_INBOX_OIDC_ID_TOKEN_LIFETIME}).
     */
    @Scheduled(every = "${earshot.workflow.housekeeping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> forget() {
        return forgetBefore(Clocks.now(clock).minus(kept))
                .onFailure().invoke(e -> Log.warnf(e, "forgetting ended sign-ins failed; retried on the next run"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Uni<Integer> forgetBefore(Instant cutoff) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "DELETE FROM ended_sign_in WHERE recorded_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate()));
    }

    /** Keeps the back-channel logout request at hand for {@link #logoutTokenVerified}. */
    void register(@Observes Filters filters) {
        backChannelPath.ifPresent(path -> filters.register(rc -> {
            if (path.equals(rc.normalizedPath()) && VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(REQUEST, rc);
            }
            rc.next();
        }, FILTER_PRIORITY));
    }

    /**
     * quarkus-oidc verified a logout token (fired on the request's event loop, just before it answers 200): record
     * the sign-in it ends. The insert runs on, without blocking; should it fail, the replica's memory (quarkus-oidc's
     * own) still ends the session at its first request here.
     */
    void logoutTokenVerified(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED) {
            return;
        }
        Optional<RoutingContext> request = VertxContext.isOnDuplicatedContext() ? ContextLocals.get(REQUEST)
                : Optional.empty();
        String token = request.map(rc -> rc.request().formAttributes().get(LOGOUT_TOKEN)).orElse(null);
        JsonObject claims = token == null ? null : claims(token);
        if (claims == null) {
            Log.errorf("A verified back-channel logout token could not be read: the session it ends stays open on"
                    + " other replicas");
            return;
        }
        String sid = claims.getValue("sid") instanceof String s ? s : null;
        String sub = claims.getValue("sub") instanceof String s ? s : null;
        if (sid == null && sub == null) {
            return;
        }
        Instant endedAt = claims.getValue("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue())
                : Clocks.now(clock);
        record(sid, sub, endedAt).subscribe().with(
                n -> Log.infof("Inbox OIDC sign-in ended at the provider (sid %s, sub %s): recorded", sid, sub),
                e -> Log.errorf(e, "Recording the inbox OIDC sign-in the provider ended (sid %s, sub %s) failed",
                        sid, sub));
    }

    /** The claims of a JWS the caller knows to be verified (the payload, base64url JSON); null if unreadable. */
    static JsonObject claims(String jws) {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(Object claim) {
        return claim instanceof JsonString s ? s.getString() : claim instanceof String s ? s : null;
    }

    private static long seconds(Object claim) {
        return claim instanceof JsonNumber n ? n.longValue() : claim instanceof Number n ? n.longValue() : 0;
    }
}
