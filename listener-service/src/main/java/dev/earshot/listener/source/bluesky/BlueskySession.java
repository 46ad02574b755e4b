package dev.earshot.listener.source.bluesky;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.http.HttpCall;
import dev.earshot.listener.source.http.HttpResult;
import dev.earshot.listener.source.http.SourceHttpClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * An app-password session: {@code com.atproto.server.createSession} once, then
 * {@code com.atproto.server.refreshSession} with the refresh token whenever the access token has expired
 * (by its {@code exp}, or when a call answers {@code ExpiredToken}); a new session only when the refresh
 * token is no good either. Sessions are scarce (createSession is tightly rate limited), so one is shared.
 */
@ApplicationScoped
public class BlueskySession {

    /** The access token is renewed this long before its {@code exp}. */
    static final Duration EARLY = Duration.ofSeconds(60);

    private final BlueskyConfig config;
    private final SourceHttpClient http;
    private final ObjectMapper json;
    private Tokens tokens;
    private Uni<Tokens> pending;

    public BlueskySession(BlueskyConfig config, SourceHttpClient http, ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.json = json;
    }

    /** A usable access token. */
    public synchronized Uni<String> accessToken() {
        if (tokens != null && (tokens.accessExpires() == null || Instant.now().isBefore(tokens.accessExpires()))) {
            return Uni.createFrom().item(tokens.access());
        }
        return renew(tokens).map(Tokens::access);
    }

    /** The access token {@code rejected} was refused as expired: refresh (or log in again) and give the new one. */
    public synchronized Uni<String> expired(String rejected) {
        if (tokens != null && !tokens.access().equals(rejected)) {
            return Uni.createFrom().item(tokens.access());
        }
        return renew(tokens).map(Tokens::access);
    }

    /** Forgets the session (after a credential change; tests). */
    public synchronized void forget() {
        tokens = null;
    }

    private Uni<Tokens> renew(Tokens old) {
        if (pending == null) {
            Uni<Tokens> renewal = old == null ? createSession()
                    : refreshSession(old).onFailure(SourceException.AccessDenied.class).recoverWithUni(failure -> {
                        Log.infof("bluesky: refreshing the session failed (%s); logging in again", failure.getMessage());
                        return createSession();
                    });
            pending = renewal.invoke(this::store).onTermination().invoke(this::clearPending).memoize().indefinitely();
        }
        return pending;
    }

    private synchronized void store(Tokens fresh) {
        tokens = fresh;
    }

    private synchronized void clearPending() {
        pending = null;
    }

    private Uni<Tokens> createSession() {
        ObjectNode body = json.createObjectNode()
                .put("identifier", config.identifier().orElse(""))
                .put("password", config.appPassword().orElse(""));
        return http.send(HttpCall.post(xrpc("com.atproto.server.createSession"), "application/json", body.toString(),
                config.timeout(), 65_536).withHeader("Accept", "application/json"))
                .map(result -> tokensFrom("bluesky createSession", result));
    }

    private Uni<Tokens> refreshSession(Tokens old) {
        return http.send(new HttpCall(io.vertx.core.http.HttpMethod.POST, xrpc("com.atproto.server.refreshSession"),
                java.util.Map.of("Authorization", "Bearer " + old.refresh(), "Accept", "application/json"), null,
                config.timeout(), 65_536))
                .map(result -> tokensFrom("bluesky refreshSession", result));
    }

    private Tokens tokensFrom(String what, HttpResult result) {
        if (!result.ok()) {
            throw BlueskyErrors.forResult(what, result, config.defaultBackoff());
        }
        JsonNode body;
        try {
            body = json.readTree(result.body());
        } catch (JsonProcessingException e) {
            throw new SourceException.InvalidPage(what + ": invalid JSON", e);
        }
        String access = body == null ? null : body.path("accessJwt").asText(null);
        String refresh = body == null ? null : body.path("refreshJwt").asText(null);
        if (access == null || refresh == null) {
            throw new SourceException.InvalidPage(what + ": no accessJwt/refreshJwt in the answer", null);
        }
        return new Tokens(access, refresh, expiryOf(access));
    }

    String xrpc(String method) {
        String base = config.serviceUrl().endsWith("/") ? config.serviceUrl().substring(0, config.serviceUrl().length() - 1)
                : config.serviceUrl();
        return base + "/xrpc/" + method;
    }

    /** The {@code exp} claim of a JWT, minus {@link #EARLY}; null when the token does not say. */
    private Instant expiryOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims != null && claims.path("exp").isNumber()
                    ? Instant.ofEpochSecond(claims.path("exp").asLong()).minus(EARLY) : null;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return null;
        }
    }

    private record Tokens(String access, String refresh, Instant accessExpires) {
    }
}
