package dev.earshot.response.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.earshot.web.Problem;
import dev.earshot.web.Problems;

/**
 * Error answers Quarkus produces without a body (a body that is not JSON at all, an unknown path,
 * a wrong method) get the same problem+json body as every other error of the API.
 */
public class EmptyErrorFilter {

    @ServerResponseFilter
    public void problemForEmptyErrors(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = status == 400 ? "the request is malformed (check the body and parameters)" : title;
        Problem problem = new Problem(Problems.TYPE_BASE + (status == 400 ? "invalid-request" : "http-" + status),
                title, status, detail, request.getUriInfo().getRequestUri().getRawPath());
        response.setEntity(problem, null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }
}
