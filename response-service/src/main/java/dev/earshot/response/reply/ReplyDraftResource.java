package dev.earshot.response.reply;

import static dev.earshot.response.common.RequestContext.id;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.response.common.RequestContext;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks", description = "The prioritised queue of response tasks and its workflow")
public class ReplyDraftResource {

    private final SavedReplyService savedReplies;
    private final RequestContext context;

    public ReplyDraftResource(SavedReplyService savedReplies, RequestContext context) {
        this.savedReplies = savedReplies;
        this.context = context;
    }

    @POST
    @Path("/{id}/reply-draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fill a saved reply for this task",
            description = "Replaces {author}, {link}, {title}, {source}, {agent} (your display name in the user "
                    + "directory, your id when not in it) and {team}. Changes nothing.")
    @APIResponse(responseCode = "200", description = "The filled text")
    @APIResponse(responseCode = "404", description = "No such task or saved reply",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FilledReply> draft(@PathParam("id") String id, @Valid @NotNull ReplyRequests.Draft request) {
        long taskId = id(id, "task");
        return savedReplies.fill(taskId, request.savedReplyId(), context.caller());
    }
}
