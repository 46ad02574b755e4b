package dev.earshot.response.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import dev.earshot.web.InvalidRequestException;

/**
 * CSRF protection of the inbox's forms (double submit): a random token in the HttpOnly, SameSite=Strict cookie
 * {@value #COOKIE} (path /inbox), the same token in a hidden field of every form, compared in constant time before any
 * action; a form without it, or with another one, is a 400 and changes nothing. quarkus-rest-csrf was tried first: its
 * filter checks every form-typed request of the service, so it refused Slack's signed form posts to
 * /api/v1/integrations/slack/actions (and empty API POSTs labelled as forms); it cannot be limited to /inbox.
 */
final class InboxCsrf {

    static final String COOKIE = "earshot-csrf";
    static final String FIELD = "csrf-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private InboxCsrf() {
    }

    /** The token of the request's cookie, or a new one (then {@link #cookie} sets it). */
    static String token(String cookie) {
        if (cookie != null && cookie.length() >= 22) {
            return cookie;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/inbox").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** 400 unless the form's token is the cookie's. */
    static void require(String field, String cookie) {
        if (field == null || cookie == null || cookie.length() < 22 || !MessageDigest.isEqual(
                field.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidRequestException("the form's CSRF token is missing or does not match: reload the page "
                    + "and try again");
        }
    }
}
