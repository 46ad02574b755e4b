package dev.earshot.response.task;

import static dev.earshot.response.common.RequestContext.id;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.RequestContext;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks", description = "The prioritised queue of response tasks and its workflow")
public class TaskResource {

    private final TaskReader tasks;

    public TaskResource(TaskReader tasks) {
        this.tasks = tasks;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A task with the newest part of its conversation",
            description = "The newest 20 posts and the newest 20 notes (each oldest first), viewers, links, priority "
                    + "reasons and SLA. Older posts and notes: GET /tasks/{id}/posts and /notes from olderMentionsCursor "
                    + "and olderNotesCursor (null when the detail shows them all). ETag is the task's version.")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No task with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> get(@Parameter(description = "Task id",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("id") String id) {
        return tasks.get(id(id, "task")).map(d -> RestResponse.ResponseBuilder.ok(d)
                .header("ETag", RequestContext.etag(d.version())).build());
    }

    @GET
    @Path("/{id}/posts")
    @Operation(summary = "The posts of a task's conversation, newest first",
            description = "Cursor pagination like the queue: pass nextCursor (or the detail's olderMentionsCursor) "
                    + "as cursor for the older posts. An unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "One page of posts")
    @APIResponse(responseCode = "404", description = "No task with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<MentionView>> posts(@PathParam("id") String id, @BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        return tasks.posts(id(id, "task"), query.cursor(), query.limit());
    }

    @GET
    @Path("/{id}/notes")
    @Operation(summary = "The internal notes of a task, newest first",
            description = "Cursor pagination like the queue: pass nextCursor (or the detail's olderNotesCursor) "
                    + "as cursor for the older notes. An unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "One page of notes")
    @APIResponse(responseCode = "404", description = "No task with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<NoteView>> notes(@PathParam("id") String id, @BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        return tasks.notes(id(id, "task"), query.cursor(), query.limit());
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The task's audit trail: who did what, when, oldest first",
            description = "Cursor pagination like the queue: pass nextCursor as cursor for the later entries. An "
                    + "unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "One page of the audit trail")
    @APIResponse(responseCode = "404", description = "No task with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TaskEvents> history(@PathParam("id") String id, @BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        return tasks.history(id(id, "task"), query.cursor(), query.limit());
    }
}
