package dev.earshot.listener.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.listener.query.QuerySyntaxException;
import dev.earshot.listener.source.PollInProgressException;
import dev.earshot.listener.source.UnknownSourceException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Typed exception mappers answering {@code application/problem+json}. Details are written here, never
 * copied from arbitrary exception messages. Authentication is not proactive (see application.properties)
 * so that 401 and 403 pass through these mappers too.
 */
public class ProblemMappers {

    private static final String TYPE_BASE = "https://earshot.dev/problems/";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e, UriInfo uri) {
        return problem(400, "bad-request", "Bad request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(NotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", "No resource at this path", uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidQuery(QuerySyntaxException e, UriInfo uri) {
        return problem(400, "invalid-query", "Invalid rule query", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownSource(UnknownSourceException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> resourceNotFound(ResourceNotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return problem(413, "payload-too-large", "Payload too large", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> pollInProgress(PollInProgressException e, UriInfo uri) {
        return problem(409, "poll-in-progress", "Poll in progress", "A poll of this source is already running", uri);
    }

    /** Problem details with the outcome of every pushed post (RFC 9457 extension members). */
    public record IngestProblem(String type, String title, int status, String detail, String instance, int received,
            int published, int duplicates, int unmatched, int rejected, int failed, int pending,
            java.util.List<IngestResource.ItemResult> items) {
    }

    @ServerExceptionMapper
    public RestResponse<IngestProblem> ingestUnavailable(IngestUnavailableException e, UriInfo uri) {
        IngestResource.IngestResponse a = e.answer();
        IngestProblem body = new IngestProblem(TYPE_BASE + "ingest-unavailable", "Try again later", 503, e.getMessage(),
                uri.getPath(), a.received(), a.published(), a.duplicates(), a.unmatched(), a.rejected(), a.failed(),
                a.pending(), a.items());
        return RestResponse.ResponseBuilder.<IngestProblem>create(503).entity(body).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, IngestUnavailableException.RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<Problem> unauthorized(UriInfo uri) {
        return RestResponse.ResponseBuilder.<Problem>create(401)
                .entity(new Problem(TYPE_BASE + "unauthorized", "Unauthorized", 401,
                        "A valid bearer token is required", uri.getPath()))
                .type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this operation", uri);
    }

    private static RestResponse<Problem> problem(int status, String type, String title, String detail, UriInfo uri) {
        Problem body = new Problem(TYPE_BASE + type, title, status, detail, uri.getPath());
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(body).type(Problem.MEDIA_TYPE).build();
    }
}
