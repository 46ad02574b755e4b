package dev.earshot.response.reply;

import static dev.earshot.response.common.RequestContext.IDEMPOTENCY_KEY;
import static dev.earshot.response.common.RequestContext.body;
import static dev.earshot.response.common.RequestContext.id;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.RequestContext;
import dev.earshot.web.Page;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/saved-replies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Saved replies", description = "Reply templates per team; fill one for a task with POST /api/v1/tasks/{id}/reply-draft")
public class SavedReplyResource {

    private static final List<String> LIST_PARAMETERS = List.of("cursor", "limit", "team");

    private final SavedReplyService replies;
    private final RequestContext context;

    public SavedReplyResource(SavedReplyService replies, RequestContext context) {
        this.replies = replies;
        this.context = context;
    }

    @GET
    @Operation(summary = "Saved replies, of some teams or all, in team and name order",
            description = "Cursor pagination: pass nextCursor as cursor for the next page. An unknown query "
                    + "parameter, or an unknown team, is a 400.")
    @Parameter(name = "team", in = ParameterIn.QUERY, description = "Teams, repeated or comma-separated (default all)",
            example = "support", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @APIResponse(responseCode = "200", description = "One page of saved replies")
    public Uni<Page<SavedReplyView>> list(@BeanParam PageQuery listing) {
        return replies.list(listing.check(LIST_PARAMETERS, List.of("team")));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One saved reply (ETag is its version)")
    @APIResponse(responseCode = "200", description = "The saved reply")
    public Uni<RestResponse<SavedReplyView>> get(@PathParam("id") String id) {
        return replies.get(id(id, "saved reply")).map(v -> RestResponse.ResponseBuilder.ok(v)
                .header("ETag", RequestContext.etag(v.version())).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "Create a saved reply (lead, admin)",
            description = "Placeholders: {author} (the author of the newest post needing a reply), {link}, {title}, "
                    + "{source}, {agent} (the display name in the user directory of the agent filling it, their id "
                    + "when not in it), {team}; others are refused. Honours Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The team has a saved reply of this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SavedReplyView>> create(@RestHeader(IDEMPOTENCY_KEY) String key,
            ReplyRequests.SavedReply request) {
        body(request);
        return replies.create(context.caller(), context.preconditions(null, key, "POST", "saved-reply", request),
                request.team(), request.name(), request.body()).map(RequestContext::answer);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "Replace a saved reply (lead, admin); honours If-Match")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SavedReplyView>> update(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            ReplyRequests.SavedReply request) {
        long replyId = id(id, "saved reply");
        body(request);
        return replies.update(replyId, context.caller(), context.preconditions(ifMatch, null, "PUT", id, request),
                request.team(), request.name(), request.body()).map(RequestContext::answer);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "Delete a saved reply (lead, admin); honours If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch) {
        return replies.delete(id(id, "saved reply"), ifMatch).map(v -> RestResponse.noContent());
    }
}
