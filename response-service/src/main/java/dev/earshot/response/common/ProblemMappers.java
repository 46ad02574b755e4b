package dev.earshot.response.common;

import static dev.earshot.web.Problems.problem;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.web.Problem;

/**
 * The failures only this API has, as {@code application/problem+json}: workflow conflicts, stale and missing
 * If-Match, a reused Idempotency-Key. The common ones (400, 401, 403, 404, 413, 503) are web-support's
 * {@link dev.earshot.web.CommonProblemMappers}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(ConflictException e, UriInfo uri) {
        return problem(409, "conflict", "Conflict", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> stale(StaleVersionException e, UriInfo uri) {
        return problem(412, "stale-version", "Precondition failed", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> ifMatchMissing(PreconditionRequiredException e, UriInfo uri) {
        return problem(428, "if-match-required", "Precondition required", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> keyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), uri);
    }
}
