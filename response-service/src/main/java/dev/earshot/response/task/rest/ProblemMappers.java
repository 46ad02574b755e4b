package dev.earshot.response.task.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.earshot.response.task.service.ConflictException;
import dev.earshot.response.task.service.IdempotencyKeyReusedException;
import dev.earshot.response.task.service.InvalidRequestException;
import dev.earshot.response.task.service.PreconditionRequiredException;
import dev.earshot.response.task.service.ResourceNotFoundException;
import dev.earshot.response.task.service.StaleVersionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error of the API as {@code application/problem+json}, one typed mapper per failure. */
public class ProblemMappers {

    static final String TYPE_BASE = "https://earshot.dev/problems/";
    private static final String UNREADABLE =
            "the body is not valid JSON for this request (check field names, types and ISO-8601 times)";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri);
    }

    /** A body that is not JSON or does not fit the request's fields (types, formats). */
    @ServerExceptionMapper
    public RestResponse<Problem> unreadableBody(JsonProcessingException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", UNREADABLE, uri);
    }

    /** Takes precedence over Quarkus's own mapper, whose answer is not problem+json. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedBody(MismatchedInputException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", UNREADABLE, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(ResourceNotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

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

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolated(jakarta.validation.ConstraintViolationException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("invalid parameters"), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> brokerUnavailable(dev.earshot.messaging.BrokerUnavailableException e, UriInfo uri) {
        RestResponse<Problem> response = problem(503, "broker-unavailable", "Broker unavailable", e.getMessage(), uri);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER,
                dev.earshot.messaging.BrokerUnavailableException.RETRY_AFTER_SECONDS);
        return response;
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

    /** Unknown paths, wrong methods and media types, unreadable bodies: the status, with a fixed text. */
    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "the request is malformed (check the body and parameters)";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this API answers application/json";
            case 415 -> "send the body as application/json";
            default -> title;
        };
        return problem(status, status == 400 ? "invalid-request" : "http-" + status, title, detail, uri);
    }

    public static RestResponse<Problem> problem(int status, String slug, String title, String detail, UriInfo uri) {
        Problem body = new Problem(TYPE_BASE + slug, title, status, detail, uri.getRequestUri().getRawPath());
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(body).type(Problem.MEDIA_TYPE).build();
    }
}
