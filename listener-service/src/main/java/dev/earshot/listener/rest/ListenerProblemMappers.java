package dev.earshot.listener.rest;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.listener.rules.QuerySyntaxException;
import dev.earshot.listener.source.PollInProgressException;
import dev.earshot.listener.source.UnknownSourceException;
import dev.earshot.web.Problem;
import dev.earshot.web.Problems;

/**
 * The listener's own errors as problem+json; the common ones (400 invalid-request, 401, 403, 404, 413, unknown
 * paths) are answered by web-support's {@code CommonProblemMappers}.
 */
public class ListenerProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalidQuery(QuerySyntaxException e, UriInfo uri) {
        return Problems.problem(400, "invalid-query", "Invalid rule query", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownSource(UnknownSourceException e, UriInfo uri) {
        return Problems.problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> pollInProgress(PollInProgressException e, UriInfo uri) {
        return Problems.problem(409, "poll-in-progress", "Poll in progress", "A poll of this source is already running",
                uri);
    }

    /** Problem details with the outcome of every pushed post (RFC 9457 extension members). */
    public record IngestProblem(String type, String title, int status, String detail, String instance, int received,
            int published, int duplicates, int unmatched, int rejected, int failed, int pending,
            List<IngestResource.ItemResult> items) {
    }

    @ServerExceptionMapper
    public RestResponse<IngestProblem> ingestUnavailable(IngestUnavailableException e, UriInfo uri) {
        IngestResource.IngestResponse a = e.answer();
        Problem p = Problems.problem(503, "ingest-unavailable", "Try again later", e.getMessage(), uri).getEntity();
        IngestProblem body = new IngestProblem(p.type(), p.title(), p.status(), p.detail(), p.instance(), a.received(),
                a.published(), a.duplicates(), a.unmatched(), a.rejected(), a.failed(), a.pending(), a.items());
        return RestResponse.ResponseBuilder.<IngestProblem>create(503).entity(body).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, IngestUnavailableException.RETRY_AFTER_SECONDS).build();
    }
}
