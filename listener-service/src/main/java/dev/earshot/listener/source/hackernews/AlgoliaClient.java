package dev.earshot.listener.source.hackernews;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.earshot.web.RetryAfter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The Algolia Hacker News search API. The body is read as a string on purpose: a page that is not
 * valid JSON must fail the poll, and a malformed hit is dead-lettered with its raw JSON, so parsing
 * happens in {@link HackerNewsMapper}, not in the client.
 */
@RegisterRestClient(configKey = "hackernews")
@Path("/api/v1")
public interface AlgoliaClient {

    @GET
    @Path("/search_by_date")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> searchByDate(@QueryParam("query") String query, @QueryParam("tags") String tags,
            @QueryParam("numericFilters") String numericFilters, @QueryParam("hitsPerPage") int hitsPerPage,
            @QueryParam("page") int page);

    /** 429 becomes {@link RateLimitedException} (with Retry-After), any other error {@link UpstreamException}. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 429) {
            return new RateLimitedException(RetryAfter.parse(response.getHeaderString("Retry-After"), Instant.now()));
        }
        if (status >= 400) {
            return new UpstreamException(status);
        }
        return null;
    }
}
