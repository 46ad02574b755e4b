package dev.earshot.response.workflow;

import static dev.earshot.response.common.RequestContext.IDEMPOTENCY_KEY;
import static dev.earshot.response.common.RequestContext.answer;
import static dev.earshot.response.common.RequestContext.id;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.RequestContext;
import dev.earshot.response.task.TaskDetail;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.response.task.Viewers;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks", description = "The prioritised queue of response tasks and its workflow")
public class WorkflowResource {

    private static final String WRITE_NOTES = " Honours If-Match (412 when the task changed since it was read; "
            + "428 when earshot.workflow.require-if-match is on and it is missing) and Idempotency-Key (a retry "
            + "gets the first answer again; 422 when the key comes with a different request). The answer "
            + "carries the new ETag. Every change is in the task's history.";

    private final TaskActions workflow;
    private final ClaimNext claimNext;
    private final Viewing viewing;
    private final RequestContext context;

    public WorkflowResource(TaskActions workflow, ClaimNext claimNext, Viewing viewing, RequestContext context) {
        this.workflow = workflow;
        this.claimNext = claimNext;
        this.viewing = viewing;
        this.context = context;
    }

    @POST
    @Path("/claim-next")
    @Operation(summary = "Claim the next task",
            description = "Atomically claims the first open task that needs a reply in queue order (SLA due time in "
                    + "5-minute buckets, then priority, then id; optionally of one team): two agents never get the "
                    + "same task. Snoozed tasks are not claimable until they wake. Honours Idempotency-Key. Once the "
                    + "user directory (/api/v1/users) has anyone in it, agents claim from their own teams only (another "
                    + "team, or an agent not in the directory: 403); leads and admins from any.")
    @APIResponse(responseCode = "200", description = "The task now claimed by you, as in the queue (with its ETag); "
            + "its conversation is at GET /tasks/{id}")
    @APIResponse(responseCode = "204", description = "Nothing to claim")
    public Uni<RestResponse<TaskSummary>> claimNext(@QueryParam("team") String team,
            @Parameter(in = ParameterIn.HEADER, description = "Makes a retry safe") @RestHeader(IDEMPOTENCY_KEY) String key) {
        return claimNext.claimNext(context.caller(), context.preconditions(null, key, "POST", "claim-next", team), team)
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/claim")
    @Operation(summary = "Claim a task for yourself", description = "From open or snoozed." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "409", description = "Claimed by someone else, resolved or dismissed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> claim(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key) {
        long taskId = id(id, "task");
        return workflow.claim(taskId, context.caller(), context.preconditions(ifMatch, key, "POST", "claim " + id, null))
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a task", description = "Agents assign themselves; leads and admins anyone. Once the "
            + "user directory has anyone in it, an assignee not in it is refused (400)." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "409", description = "Invalid transition",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> assign(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Assign request) {
        long taskId = id(id, "task");
        return workflow.assign(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "assign " + id, request), request.assignee())
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/unassign")
    @Operation(summary = "Give a task back to the queue",
            description = "Your own; leads and admins anyone's." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task")
    public Uni<RestResponse<TaskDetail>> unassign(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key) {
        long taskId = id(id, "task");
        return workflow.unassign(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "unassign " + id, null)).map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/snooze")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Snooze a task until a time", description = "until: an ISO-8601 duration from now (PT2H) or "
            + "an instant, at most earshot.workflow.max-snooze (30 days) ahead; anything else is a 400. The task leaves "
            + "the default queue and claim-next, and its SLA clock is paused, until then; a new post in the "
            + "conversation wakes it early." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task")
    public Uni<RestResponse<TaskDetail>> snooze(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Snooze request) {
        long taskId = id(id, "task");
        return workflow.snooze(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "snooze " + id, request), request.until())
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an internal note", description = "Any status." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task with its newest notes")
    public Uni<RestResponse<TaskDetail>> note(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Note request) {
        long taskId = id(id, "task");
        return workflow.note(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "note " + id, request), request.text())
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a reply and keep the task open (\"replied, keep open\")",
            description = "From open, claimed or snoozed; the status and assignee stay. Channel public, dm, email or "
                    + "other; link required for a public reply (absolute http(s) whenever given); text optional. "
                    + "The first reply is the task's first response (who, when, within the SLA); a customer's later "
                    + "post goes back to whoever replied last. Fires task.replied." + WRITE_NOTES)
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "public", value = """
                    {"channel":"public","link":"https://news.ycombinator.com/item?id=41000999",\
                    "text":"Sorry about that: we are on it, updates on status.acme.example"}"""),
            @ExampleObject(name = "dm", value = "{\"channel\":\"dm\",\"text\":\"Sent you a DM with the details\"}")}))
    @APIResponse(responseCode = "200", description = "The task with its replies")
    @APIResponse(responseCode = "409", description = "Resolved or dismissed, or claimed by someone else",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> reply(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Reply request) {
        long taskId = id(id, "task");
        return workflow.reply(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "reply " + id, request), request)
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve, optionally with the reply that answered",
            description = "The body is optional: {\"reply\": {...}} records a reply as POST /tasks/{id}/replies does "
                    + "(replyUrl/replyText: the older shorthand for a public reply). Answers the SLA clock; without "
                    + "an earlier reply the resolve is the task's first response." + WRITE_NOTES)
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "with a reply", value = """
                    {"reply":{"channel":"public","link":"https://news.ycombinator.com/item?id=41000999",\
                    "text":"Sorry about that: fixed since 10:40 UTC, details on status.acme.example"}}"""),
            @ExampleObject(name = "without", value = "{}")}))
    @APIResponse(responseCode = "200", description = "The resolved task")
    @APIResponse(responseCode = "409", description = "Already resolved or dismissed, or claimed by someone else",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TaskDetail>> resolve(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid Requests.Resolve request) {
        long taskId = id(id, "task");
        return workflow.resolve(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "resolve " + id, request),
                request == null ? null : request.recorded()).map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dismiss with a reason: spam, irrelevant or duplicate" , description = WRITE_NOTES)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "duplicate",
            value = "{\"reason\":\"duplicate\",\"duplicateOfTaskId\":41}")))
    @APIResponse(responseCode = "200", description = "The dismissed task")
    public Uni<RestResponse<TaskDetail>> dismiss(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Dismiss request) {
        long taskId = id(id, "task");
        return workflow.dismiss(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "dismiss " + id, request), request.reason(),
                request.duplicateOfTaskId()).map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/reopen")
    @Operation(summary = "Reopen a resolved or dismissed task", description = "Its SLA clock starts again."
            + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The reopened task")
    public Uni<RestResponse<TaskDetail>> reopen(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key) {
        long taskId = id(id, "task");
        return workflow.reopen(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "reopen " + id, null)).map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/team")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "Move a task to another team (lead, admin)",
            description = "Routing rules no longer move it afterwards." + WRITE_NOTES)
    @APIResponse(responseCode = "200", description = "The task")
    public Uni<RestResponse<TaskDetail>> route(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            @RestHeader(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.Route request) {
        long taskId = id(id, "task");
        return workflow.route(taskId, context.caller(),
                context.preconditions(ifMatch, key, "POST", "team " + id, request), request.team())
                .map(RequestContext::answer);
    }

    @POST
    @Path("/{id}/viewing")
    @Operation(summary = "\"I am looking at this task\" heartbeat",
            description = "Shows you among the task's viewers for earshot.workflow.viewing-ttl (30 s); send it "
                    + "again while the task is open on your screen.")
    @APIResponse(responseCode = "200", description = "Who claimed the task and who views it")
    public Uni<Viewers> viewing(@PathParam("id") String id) {
        return viewing.beat(id(id, "task"), context.caller(), false);
    }

    @DELETE
    @Path("/{id}/viewing")
    @Operation(summary = "Stop viewing a task")
    @APIResponse(responseCode = "200", description = "Who claimed the task and who views it")
    public Uni<Viewers> stopViewing(@PathParam("id") String id) {
        return viewing.beat(id(id, "task"), context.caller(), true);
    }
}
