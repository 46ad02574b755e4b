package dev.earshot.response.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

class CachingJwtParserUnitTest {

    private record Jwt(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "ann";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }

    /** Verifies "ok-<exp seconds>" tokens and refuses anything else, counting the verifications. */
    private static final class Verifier extends DefaultJWTParser {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.incrementAndGet();
            if (!token.startsWith("ok-")) {
                throw new ParseException("bad signature");
            }
            return new Jwt(Long.parseLong(token.substring(3)));
        }
    }

    private static String token(long expInSeconds) {
        return "ok-" + (System.currentTimeMillis() / 1000 + expInSeconds);
    }

    @Test
    void aVerifiedTokenIsVerifiedOnce() throws Exception {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = new CachingJwtParser(verifier);
        String token = token(3600);
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token));
        assertEquals(1, verifier.calls.get());
        parser.parse(token(7200));
        assertEquals(2, verifier.calls.get(), "another token is verified on its own");
    }

    @Test
    void refusedAndExpiredTokensAreNotRemembered() throws Exception {
        Verifier verifier = new Verifier();
        CachingJwtParser parser = new CachingJwtParser(verifier);
        assertThrows(ParseException.class, () -> parser.parse("forged"));
        assertThrows(ParseException.class, () -> parser.parse("forged"));
        assertEquals(2, verifier.calls.get());
        String expired = token(-10); // within the verifier's grace period, still past exp
        parser.parse(expired);
        parser.parse(expired);
        assertEquals(4, verifier.calls.get(), "a token past its exp is verified every time");
    }
}
