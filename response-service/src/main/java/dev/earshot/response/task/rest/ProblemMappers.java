package dev.earshot.response.task.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.response.task.service.InvalidRequestException;
import dev.earshot.response.task.service.TaskNotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error of the API as {@code application/problem+json}, one typed mapper per failure. */
public class ProblemMappers {

    private static final String TYPE_BASE = "https://earshot.dev/problems/";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(TaskNotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthorized(RuntimeException e, UriInfo uri) {
        RestResponse<Problem> response = problem(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", uri);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "The token's roles do not allow this", uri);
    }

    private static RestResponse<Problem> problem(int status, String slug, String title, String detail, UriInfo uri) {
        Problem body = new Problem(TYPE_BASE + slug, title, status, detail, uri.getRequestUri().getRawPath());
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(body).type(Problem.MEDIA_TYPE).build();
    }
}
