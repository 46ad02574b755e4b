package dev.earshot.response.inbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps quarkus-rest-csrf's check on the inbox's forms. Its filter checks every form-typed request of the service,
 * and some API clients (REST Assured, {@code curl -d ''}) label an empty POST (claim, reopen, ...) as a form: outside
 * /inbox, such an empty request loses the label before the check, as it carries no form to check, and the API
 * answers as it always did. A request with a body is left as it came.
 */
public class CsrfScope {

    @ServerRequestFilter(preMatching = true)
    public void emptyApiPostsAreNotForms(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/inbox") || path.startsWith("/inbox/")) {
            return;
        }
        MediaType type = request.getMediaType();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                && request.getHeaderString("Transfer-Encoding") == null && (length == null || "0".equals(length))) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
