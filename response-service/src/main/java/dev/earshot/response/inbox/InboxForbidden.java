package dev.earshot.response.inbox;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.response.people.SignInConfig;
import dev.earshot.web.CommonProblemMappers;
import dev.earshot.web.Problems;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A signed-in person opening an inbox page their role does not allow (an agent on the admin pages, a lead on users
 * or webhooks): a 403 page in the inbox's frame saying so; someone an OIDC provider signed in whom the directory does
 * not know gets {@link SignInFailures#notInDirectory}'s page instead. Elsewhere the answer stays web-support's 403 problem.
 */
public class InboxForbidden {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance forbidden(SignedIn me);
    }

    private final SecurityIdentity identity;
    private final boolean secureCookies;

    public InboxForbidden(SecurityIdentity identity, SignInConfig signIn) {
        this.identity = identity;
        this.secureCookies = signIn.secureCookies();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public RestResponse<?> forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (identity.isAnonymous() || !(path.equals("/inbox") || path.startsWith("/inbox/"))) {
            return Problems.problem(403, "forbidden", "Forbidden", CommonProblemMappers.FORBIDDEN, uri);
        }
        Cookie cookie = headers.getCookies().get(InboxCsrf.COOKIE);
        String csrf = InboxCsrf.token(cookie == null ? null : cookie.getValue());
        // rendered here: an exception mapper's entity does not go through Qute's response handling
        String unknown = SignInFailures.notInDirectory(identity, csrf);
        RestResponse.ResponseBuilder<String> b = RestResponse.ResponseBuilder.create(RestResponse.Status.FORBIDDEN,
                unknown != null ? unknown : Templates.forbidden(SignedIn.of(identity, csrf)).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (cookie == null || !csrf.equals(cookie.getValue())) {
            b.cookie(InboxCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }
}
