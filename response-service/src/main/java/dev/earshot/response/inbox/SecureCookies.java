package dev.earshot.response.inbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.earshot.response.people.SignInConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
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
            // before the security handlers, which answer the sign-in post themselves
            filters.register(this::mark, 10_000);
        }
    }

    static boolean insecureSession(String setCookie) {
        return setCookie.startsWith(SESSION_COOKIE + "=")
                && !setCookie.toLowerCase(java.util.Locale.ROOT).contains("; secure");
    }

    void mark(RoutingContext rc) {
        if (secure && rc.normalizedPath().startsWith("/inbox")) {
            rc.addHeadersEndHandler(v -> {
                // the cookie jar knows a cookie by name, domain and path; a Set-Cookie header written directly is
                // rewritten
                for (String path : new String[] {"/inbox", null}) {
                    Cookie session = rc.response().removeCookie(SESSION_COOKIE, null, path, false);
                    if (session != null) {
                        rc.response().addCookie(session.setSecure(true));
                    }
                }
                List<String> headers = rc.response().headers().getAll(HttpHeaders.SET_COOKIE);
                if (headers.stream().anyMatch(SecureCookies::insecureSession)) {
                    rc.response().headers().remove(HttpHeaders.SET_COOKIE);
                    for (String h : headers) {
                        rc.response().headers().add(HttpHeaders.SET_COOKIE, insecureSession(h) ? h + "; Secure" : h);
                    }
                }
            });
        }
        rc.next();
    }
}
