package dev.earshot.response.webhook.slack;

import static dev.earshot.web.Problems.problem;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.earshot.web.Problem;

/** The Slack endpoint's refusals as {@code application/problem+json}, like every other error of the API. */
public class SlackProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> rejected(SlackRequestRejectedException e, UriInfo uri) {
        return problem(401, "slack-signature", "Unauthorized", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> disabled(SlackDisabledException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", "no such resource", uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(SlackBodyTooLargeException e, UriInfo uri) {
        return problem(413, "http-413", "Request Entity Too Large", e.getMessage(), uri);
    }
}
