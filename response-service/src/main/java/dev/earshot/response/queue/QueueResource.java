package dev.earshot.response.queue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.RequestContext;
import dev.earshot.response.task.TaskSummary;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks", description = "The prioritised queue of response tasks and its workflow")
public class QueueResource {

    private final QueueService queue;
    private final RequestContext context;

    public QueueResource(QueueService queue, RequestContext context) {
        this.queue = queue;
        this.context = context;
    }

    @GET
    @Operation(summary = "List tasks in queue order",
            description = "Queue order: time to SLA breach in 5-minute buckets (slaDueAt rounded down to 5 minutes, "
                    + "earliest first), then priority (highest first), then id; claim-next takes the same order. The "
                    + "SLA clock counts from the customer's post. Without status, the open and claimed tasks that "
                    + "need a reply; snoozed tasks are hidden until they wake (status=snoozed lists them). Each "
                    + "summary carries an excerpt of the most recent post needing a reply, its language and the "
                    + "current viewers. Cursor pagination. Every list parameter takes several values, repeated "
                    + "(tier=P1&tier=P2) or comma-separated (tier=P1,P2), the same, and matches any of them; an "
                    + "unknown parameter, another one repeated, or an unknown value of status, needsReply, team, "
                    + "tier or sentiment is a 400 naming the known ones.")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Statuses (open, claimed, snoozed, resolved, "
            + "dismissed), or all alone (default open,claimed; snoozed only when asked)", example = "open,claimed",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "needsReply", in = ParameterIn.QUERY,
            description = "true, false or any (default true without status, any with)",
            schema = @Schema(enumeration = {"true", "false", "any"}))
    @Parameter(name = "team", in = ParameterIn.QUERY, description = "Teams (routing teams)", example = "support",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "tier", in = ParameterIn.QUERY, description = "Tiers: P1, P2, P3, P4", example = "P1,P2",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "source", in = ParameterIn.QUERY, description = "Sources", example = "hackernews",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "intent", in = ParameterIn.QUERY, description = "Intents; a task with any of them (in any post)",
            example = "outage", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "sentiment", in = ParameterIn.QUERY,
            description = "The task's (worst) sentiment: negative, neutral, positive",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "assignee", in = ParameterIn.QUERY,
            description = "Who claimed it; me for yourself, none for unclaimed (me,none: yours and the unclaimed)",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "text", in = ParameterIn.QUERY, description = "Words in the title or posts (case-insensitive)")
    @APIResponse(responseCode = "200", description = "One page of tasks")
    public Uni<Page<TaskSummary>> list(@BeanParam PageQuery listing) {
        ListParameters query = listing.check(QueueService.PARAMETERS, QueueService.LIST_PARAMETERS);
        return queue.page(query, context.caller());
    }
}
