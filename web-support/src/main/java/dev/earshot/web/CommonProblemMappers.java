package dev.earshot.web;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.earshot.messaging.BrokerUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The errors every service answers alike, as problem+json. Details are written here or by the service's own
 * exceptions (whose messages are meant for callers), never copied from arbitrary exception messages. A
 * service adds mappers for its own exceptions beside these. Authentication is not proactive in the services,
 * so 401 and 403 pass through here too.
 */
public class CommonProblemMappers {

    static final String UNREADABLE =
            "the body is not valid JSON for this request (check field names, types and ISO-8601 times)";
    public static final String FORBIDDEN = "the token's roles do not allow this";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e, UriInfo uri) {
        return Problems.problem(400, "invalid-request", "Invalid request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolated(ConstraintViolationException e, UriInfo uri) {
        return Problems.problem(400, "invalid-request", "Invalid request", e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("invalid parameters"), uri);
    }

    /** A body that is not JSON or does not fit the request's fields (types, formats). */
    @ServerExceptionMapper
    public RestResponse<Problem> unreadableBody(JsonProcessingException e, UriInfo uri) {
        return Problems.problem(400, "invalid-request", "Invalid request", UNREADABLE, uri);
    }

    /** Takes precedence over Quarkus's own mapper, whose answer is not problem+json. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedBody(MismatchedInputException e, UriInfo uri) {
        return Problems.problem(400, "invalid-request", "Invalid request", UNREADABLE, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(ResourceNotFoundException e, UriInfo uri) {
        return Problems.problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return Problems.problem(413, "payload-too-large", "Payload too large", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> brokerUnavailable(BrokerUnavailableException e, UriInfo uri) {
        return Problems.unavailable("broker-unavailable", "Broker unavailable", e.getMessage(),
                BrokerUnavailableException.RETRY_AFTER_SECONDS, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthorized(RuntimeException e, UriInfo uri) {
        RestResponse<Problem> response = Problems.problem(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required", uri);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.problem(403, "forbidden", "Forbidden", FORBIDDEN, uri);
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
        return Problems.problem(status, status == 400 ? "invalid-request" : "http-" + status, title, detail, uri);
    }
}
