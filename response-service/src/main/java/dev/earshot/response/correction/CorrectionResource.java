package dev.earshot.response.correction;

import static dev.earshot.response.common.RequestContext.IDEMPOTENCY_KEY;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.RequestContext;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks/{id}/corrections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CorrectionResource {

    private final Corrections corrections;
    private final RequestContext context;

    public CorrectionResource(Corrections corrections, RequestContext context) {
        this.corrections = corrections;
        this.context = context;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct what the model decided: tier, sentiment, intents, needs-reply, spam",
            description = "Applied at once (a tier moves the SLA due time and so the queue position; needsReply=false "
                    + "or spam=true take the task out of the default queue) and kept: later posts do not recompute "
                    + "a corrected field. Recorded in the history (\"corrected\", old -> new) and in the export "
                    + "(GET /api/v1/corrections/export). Honours If-Match (412 when stale) and Idempotency-Key.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "correction",
            value = "{\"tier\":\"P1\",\"sentiment\":\"negative\",\"intents\":[\"outage\"]}")))
    @APIResponse(responseCode = "200", description = "The task as corrected (with its new ETag)")
    @APIResponse(responseCode = "400", description = "Nothing named, or a value out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> correct(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull CorrectionRequest request) {
        long taskId = id(id, "task");
        return corrections.correct(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "corrections " + id, request), request)
                .map(RequestContext::answer);
    }
}
