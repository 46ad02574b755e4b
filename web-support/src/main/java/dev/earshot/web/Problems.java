package dev.earshot.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * Builds problem+json answers with the one {@code type} vocabulary of every service:
 * {@value #TYPE_BASE} followed by a slug ({@code invalid-request}, {@code not-found}, {@code forbidden}, ...).
 */
public final class Problems {

    public static final String TYPE_BASE = "https://earshot.dev/problems/";

    private Problems() {
    }

    public static RestResponse<Problem> problem(int status, String slug, String title, String detail, UriInfo uri) {
        return problem(status, slug, title, detail, uri.getRequestUri().getRawPath());
    }

    public static RestResponse<Problem> problem(int status, String slug, String title, String detail, String path) {
        Problem body = new Problem(TYPE_BASE + slug, title, status, detail, path);
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(body).type(Problem.MEDIA_TYPE).build();
    }

    /** A 503 that tells the client when to come back. */
    public static RestResponse<Problem> unavailable(String slug, String title, String detail, int retryAfterSeconds,
            UriInfo uri) {
        RestResponse<Problem> response = problem(503, slug, title, detail, uri);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        return response;
    }
}
