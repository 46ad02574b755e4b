package dev.earshot.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.earshot.messaging.BrokerUnavailableException;
import dev.earshot.messaging.DeadLetterQueue;
import dev.earshot.messaging.Failures;
import dev.earshot.messaging.PublishFailedException;

/**
 * The admin API of a consumer's dead-letter queue, shared by the services that consume: a service's resource
 * extends this class with its {@code @Path} and names its queue. {@code GET} lists the depth and the oldest
 * entries with their reasons; {@code POST .../replay} moves them back to the queue, all or by message id, after
 * the cause was fixed. Blocking broker calls: the methods run on worker threads. It lives here rather than in
 * messaging-support because it is HTTP: it reads its query like every other listing ({@link ListParameters}).
 */
public abstract class DeadLetterEndpoints {

    /**
     * A look at the dead-letter queue in the envelope of every listing ({@code items}, {@code nextCursor}) with the
     * queue's names and depth. A broker queue cannot be read from a position, so {@code nextCursor} is always null:
     * the listing shows the oldest {@code limit} dead letters, and the rest after those are replayed.
     */
    public record DeadLetters(String queue, String deadLetterQueue, long depth, List<DeadLetterQueue.Entry> items,
            String nextCursor) {
    }

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
    @Operation(summary = "The dead-letter queue", description = "Its depth and its oldest `limit` dead letters, each "
            + "with its message id, type, reason, time and an excerpt of its body. A broker queue cannot be read from "
            + "a position: `nextCursor` is always null, and the later dead letters show once the oldest are replayed. "
            + "An unknown query parameter is a 400.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = ListParameters.LIMIT_DESCRIPTION,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    public DeadLetters list(@Context UriInfo uri) {
        int limit = ListParameters.check(uri, "limit").limit();
        try {
            DeadLetterQueue.Listing listing = queue.list(limit);
            return new DeadLetters(listing.queue(), listing.deadLetterQueue(), listing.depth(), listing.entries(), null);
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
