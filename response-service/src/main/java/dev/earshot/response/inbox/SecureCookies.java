package dev.earshot.response.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.earshot.response.people.SignInConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Marks the inbox's session cookie Secure when {@code earshot.inbox.secure-cookies} (on in production, where TLS ends
 * in front of the service, so the request itself is plain HTTP and Quarkus would not set it).
 */
@ApplicationScoped
public class SecureCookies {

    static final String SESSION_COOKIE = "earshot-inbox";

    private final boolean secure;

    public SecureCookies(SignInConfig config) {
        this.secure = config.secureCookies();
    }

    void register(@Observes Filters filters) {
        if (secure) {
            filters.register(this::mark, 100);
        }
    }

    void mark(RoutingContext rc) {
        if (secure && rc.normalizedPath().startsWith("/inbox")) {
            rc.addHeadersEndHandler(v -> {
                Cookie session = rc.response().removeCookie(SESSION_COOKIE, false);
                if (session != null) {
                    rc.response().addCookie(session.setSecure(true));
                }
            });
        }
        rc.next();
    }
}
