package dev.earshot.response.common;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers bearer tokens SmallRye JWT already verified, so a client sending the same token on
 * every request does not pay the RS256 signature check, the base64 and the JSON parsing each time
 * (about a fifth of the service's CPU under the queue-listing benchmark, JFR). The key is the whole
 * token, signature included, so only a byte-identical token that passed verification hits; a hit
 * is honoured until the token's {@code exp} (never longer than {@link #MAX_AGE_MILLIS} after its
 * verification), after which it is verified again (and refused when expired). Only
 * {@link #parse(String)} (what the HTTP authentication calls) is cached.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    static final long MAX_AGE_MILLIS = 60_000;
    static final int MAX_ENTRIES = 10_000;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final DefaultJWTParser delegate;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public CachingJwtParser(DefaultJWTParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.validUntilMillis()) {
                return hit.token();
            }
            verified.remove(token, hit);
        }
        JsonWebToken jwt = delegate.parse(token);
        long until = now + MAX_AGE_MILLIS;
        long exp = jwt.getExpirationTime();
        if (exp > 0) {
            until = Math.min(until, exp * 1000);
        }
        if (until > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
