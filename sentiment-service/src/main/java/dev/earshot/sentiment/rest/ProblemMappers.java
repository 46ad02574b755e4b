package dev.earshot.sentiment.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.messaging.BrokerUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error as {@code application/problem+json}. Messages are only echoed for the service's own
 * exceptions, whose messages are written for callers.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(InvalidRequestException e, HttpServerRequest request) {
        return problem(400, "Invalid request", e.getMessage(), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(BatchTooLargeException e, HttpServerRequest request) {
        return problem(413, "Batch too large", e.getMessage(), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> brokerUnavailable(BrokerUnavailableException e, HttpServerRequest request) {
        RestResponse<Problem> response = problem(503, "Broker unavailable", e.getMessage(), request);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, BrokerUnavailableException.RETRY_AFTER_SECONDS);
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraint(jakarta.validation.ConstraintViolationException e, HttpServerRequest request) {
        return problem(400, "Invalid request", e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("invalid parameters"), request);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthorized(HttpServerRequest request) {
        RestResponse<Problem> response = problem(401, "Unauthorized",
                "a valid bearer token of the configured issuer is required", request);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(403, "Forbidden", "the token's roles do not allow this", request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "the request body could not be read";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 415 -> "send application/json";
            default -> title;
        };
        return problem(status, title, detail, request);
    }

    private static RestResponse<Problem> problem(int status, String title, String detail, HttpServerRequest request) {
        Problem problem = new Problem("about:blank", title, status, detail, request.path());
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
