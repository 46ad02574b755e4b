package dev.earshot.listener.source.reddit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.listener.source.SourceException;
import dev.earshot.listener.source.http.HttpCall;
import dev.earshot.listener.source.http.SourceHttpClient;
import dev.earshot.listener.source.http.StatusErrors;
import io.smallrye.mutiny.Uni;

/**
 * Reddit's application-only OAuth token ({@code client_credentials} grant, HTTP Basic with the app's id and
 * secret), kept until shortly before it expires; concurrent callers share one token request.
 */
@ApplicationScoped
public class RedditTokens {

    /** A token is renewed this long before Reddit says it expires. */
    static final Duration EARLY = Duration.ofMinutes(2);

    private final RedditConfig config;
    private final SourceHttpClient http;
    private final ObjectMapper json;
    private Token token;
    private Uni<Token> pending;

    public RedditTokens(RedditConfig config, SourceHttpClient http, ObjectMapper json) {
        this.config = config;
        this.http = http;
        this.json = json;
    }

    /** A valid access token. */
    public synchronized Uni<String> accessToken() {
        if (token != null && Instant.now().isBefore(token.expiresAt())) {
            return Uni.createFrom().item(token.value());
        }
        if (pending == null) {
            pending = requestToken()
                    .invoke(this::store)
                    .onTermination().invoke(this::clearPending)
                    .memoize().indefinitely();
        }
        return pending.map(Token::value);
    }

    /** Forgets {@code rejected} (after a 401), so that the next call fetches a new token. */
    public synchronized void invalidate(String rejected) {
        if (token != null && token.value().equals(rejected)) {
            token = null;
        }
    }

    /** Forgets the cached token (after a credential change; tests). */
    public synchronized void forget() {
        token = null;
    }

    private synchronized void store(Token fresh) {
        token = fresh;
    }

    private synchronized void clearPending() {
        pending = null;
    }

    private Uni<Token> requestToken() {
        String credentials = config.clientId().orElse("") + ":" + config.clientSecret().orElse("");
        HttpCall call = HttpCall.post(trim(config.authUrl()) + "/api/v1/access_token",
                "application/x-www-form-urlencoded", "grant_type=client_credentials", config.timeout(), 65_536)
                .withHeader("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .withHeader("User-Agent", RedditSource.userAgent(config))
                .withHeader("Accept", "application/json");
        return http.send(call).map(result -> {
            if (!result.ok()) {
                throw StatusErrors.forStatus("reddit token", result, config.defaultBackoff());
            }
            JsonNode body;
            try {
                body = json.readTree(result.body());
            } catch (JsonProcessingException e) {
                throw new SourceException.InvalidPage("reddit token: invalid JSON", e);
            }
            String value = body == null ? null : body.path("access_token").asText(null);
            if (value == null || value.isBlank()) {
                // Reddit answers 200 with {"error": "invalid_grant"} for some credential problems
                throw new SourceException.AccessDenied("reddit token: no access token in the answer ("
                        + (body == null ? "empty" : body.path("error").asText("no error given")) + ")");
            }
            long seconds = body.path("expires_in").asLong(3600);
            return new Token(value, Instant.now().plusSeconds(seconds).minus(EARLY));
        });
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Token(String value, Instant expiresAt) {
    }
}
