package dev.earshot.messaging;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The admin API of a consumer's dead-letter queue, shared by the services that consume: a service's resource
 * extends this class with its {@code @Path} and names its queue. {@code GET} lists the depth and the first
 * entries with their reasons; {@code POST .../replay} moves them back to the queue, all or by message id, after
 * the cause was fixed. Blocking broker calls: the methods run on worker threads.
 */
public abstract class DeadLetterEndpoints {

    /** What to replay: message ids, or none for every dead letter; at most {@code max}. */
    public record ReplayRequest(List<String> ids, Integer max) {
    }

    static final int MAX_REPLAY = 10_000;

    private final DeadLetterQueue queue;

    protected DeadLetterEndpoints(DeadLetterQueue queue) {
        this.queue = queue;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "The dead-letter queue", description = "Its depth and up to `limit` (1-100) dead letters, "
            + "oldest first, each with its message id, type, reason, time and an excerpt of its body.")
    public DeadLetterQueue.Listing list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        try {
            return queue.list(limit);
        } catch (IOException e) {
            throw new BrokerUnavailableException("the broker cannot be reached: " + Failures.describe(e), e);
        }
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Move dead letters back to their queue", description = "Body `{\"ids\": [...]}` for "
            + "those message ids, `{}` for all; `max` (default and at most 10000) bounds one call. A dead letter "
            + "leaves the dead-letter queue only after its copy was confirmed into the queue.")
    public DeadLetterQueue.Replay replay(ReplayRequest request) {
        Set<String> ids = request == null || request.ids() == null ? Set.of() : Set.copyOf(request.ids());
        int max = request == null || request.max() == null ? MAX_REPLAY : Math.max(1, Math.min(MAX_REPLAY, request.max()));
        try {
            return queue.replay(ids, max);
        } catch (IOException | PublishFailedException e) {
            throw new BrokerUnavailableException("the broker cannot be reached: " + Failures.describe(e), e);
        }
    }
}
