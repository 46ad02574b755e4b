package dev.earshot.response.inbox;

import java.net.URI;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.response.people.SignIn;
import dev.earshot.web.Problems;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A failed or refused sign-in. Authentication is not proactive, so the form mechanism's failure reaches the REST layer
 * like a bad bearer token does: under /inbox the person goes back to the login page with the error shown; elsewhere
 * the answer stays web-support's 401 problem (the API's). For someone an OIDC provider signed in but the directory does
 * not know ({@link SignIn.Oidc}), {@link InboxForbidden}'s 403 page names their email and how to get in.
 */
public class SignInFailures {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String email, boolean notInDirectory, boolean unverified,
                String csrf);
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

    /**
     * The page for someone an OIDC provider signed in whom the directory does not match ({@link SignIn.Oidc}), or
     * null for anyone else ({@link InboxForbidden} answers them).
     */
    static String notInDirectory(SecurityIdentity identity, String csrf) {
        String email = identity.getAttribute(SignIn.Oidc.NOT_IN_DIRECTORY);
        boolean unverified = Boolean.TRUE.equals(identity.getAttribute(SignIn.Oidc.EMAIL_UNVERIFIED));
        if (email == null && !unverified) {
            return null;
        }
        return Templates.refused(email, true, unverified, csrf).render();
    }

    private static boolean inbox(String path) {
        return path.equals("/inbox") || path.startsWith("/inbox/");
    }
}
