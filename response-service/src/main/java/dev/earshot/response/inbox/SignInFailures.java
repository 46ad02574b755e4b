package dev.earshot.response.inbox;

import java.net.URI;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.web.Problems;
import io.quarkus.security.AuthenticationFailedException;

/**
 * A failed sign-in. Authentication is not proactive, so the form mechanism's failure reaches the REST layer like a
 * bad bearer token does: under /inbox the person goes back to the login page with the error shown; elsewhere the
 * answer stays web-support's 401 problem (the API's).
 */
public class SignInFailures {

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public RestResponse<?> signInFailed(AuthenticationFailedException e, UriInfo uri) {
        String path = uri.getPath();
        if (path.equals("/inbox") || path.startsWith("/inbox/")) {
            return RestResponse.seeOther(URI.create(path.equals("/inbox/j_security_check")
                    ? "/inbox/login?error=true" : "/inbox/login"));
        }
        RestResponse<?> response = Problems.problem(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required", uri);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }
}
