package dev.earshot.listener.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.listener.model.PollSummary;
import dev.earshot.listener.model.SourceStatus;
import dev.earshot.listener.pipeline.SourceStateStore;
import dev.earshot.listener.source.hackernews.HackerNewsPoller;
import io.smallrye.mutiny.Uni;

/** Status of the polled sources, and a manual poll trigger. */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "sources")
@SecurityRequirement(name = "jwt")
public class SourcesResource {

    private final SourceStateStore state;
    private final HackerNewsPoller hackerNews;

    public SourcesResource(SourceStateStore state, HackerNewsPoller hackerNews) {
        this.state = state;
        this.hackerNews = hackerNews;
    }

    @GET
    @Operation(summary = "Polling status of every source")
    public Uni<List<SourceStatus>> list() {
        return state.status(HackerNewsPoller.SOURCE).map(List::of);
    }

    @POST
    @Path("/hackernews/poll")
    @RolesAllowed({ "lead", "admin" })
    @Operation(summary = "Poll Hacker News now", description = "409 while a poll is already running")
    public Uni<PollSummary> pollHackerNews() {
        return hackerNews.poll();
    }
}
