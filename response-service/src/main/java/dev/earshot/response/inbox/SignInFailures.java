package dev.earshot.response.inbox;

import java.net.URI;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.response.people.SignIn;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.web.CommonProblemMappers;
import dev.earshot.web.Problems;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A failed or refused sign-in. Authentication is not proactive, so the form mechanism's failure reaches the REST layer
 * like a bad bearer token does: under /inbox the person goes back to the login page with the error shown; elsewhere
 * the answer stays web-support's 401 problem (the API's). A role that does not allow an inbox page is a 403 page under
 * /inbox, saying so; for someone an OIDC provider signed in but the directory does not know ({@link SignIn.Oidc}),
 * it names their email and how to get in (the API's 403 problem elsewhere, as before).
 */
public class SignInFailures {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String email, boolean notInDirectory, boolean unverified,
                String csrf);
    }

    private final SecurityIdentity identity;
    private final boolean secureCookies;

    public SignInFailures(SecurityIdentity identity, SignInConfig config) {
        this.identity = identity;
        this.secureCookies = config.secureCookies();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public RestResponse<?> signInFailed(AuthenticationFailedException e, UriInfo uri) {
        String path = uri.getPath();
        if (inbox(path)) {
            return RestResponse.seeOther(URI.create(path.equals("/inbox/j_security_check")
                    ? "/inbox/login?error=true" : "/inbox/login"));
        }
        RestResponse<?> response = Problems.problem(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required", uri);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public RestResponse<?> refused(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        if (!inbox(uri.getPath())) {
            return Problems.problem(403, "forbidden", "Forbidden", CommonProblemMappers.FORBIDDEN, uri);
        }
        String email = identity.getAttribute(SignIn.Oidc.NOT_IN_DIRECTORY);
        Cookie cookie = headers.getCookies().get(InboxCsrf.COOKIE);
        String csrf = InboxCsrf.token(cookie == null ? null : cookie.getValue());
        RestResponse.ResponseBuilder<String> page = RestResponse.ResponseBuilder.<String>create(403)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(email, email != null,
                        Boolean.TRUE.equals(identity.getAttribute(SignIn.Oidc.EMAIL_UNVERIFIED)), csrf).render());
        if (cookie == null || !csrf.equals(cookie.getValue())) {
            page.cookie(InboxCsrf.cookie(csrf, secureCookies));
        }
        return page.build();
    }

    private static boolean inbox(String path) {
        return path.equals("/inbox") || path.startsWith("/inbox/");
    }
}
