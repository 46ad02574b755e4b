package dev.earshot.response.queue;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.response.common.RequestContext;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "lead", "admin"})
@Tag(name = "Tasks", description = "The prioritised queue of response tasks and its workflow")
public class QueueResource {

    private static final String LIMIT = "Page size, 1..200 (default 50)";
    private static final String CURSOR = "nextCursor of the previous page";
    /** The query parameters of the listing; status is the one that takes several values. */
    private static final List<String> PARAMETERS = List.of("assignee", "cursor", "intent", "limit", "needsReply",
            "sentiment", "source", "status", "team", "text", "tier");


    private final QueueService queue;
    private final RequestContext context;

    /**
     * An unknown query parameter, or a single-valued one given twice, is a 400; the statuses may be repeated
     * ({@code status=open&status=claimed}) or comma-separated, the same. Returns the statuses comma-separated.
     */
    static String checkParameters(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!PARAMETERS.contains(e.getKey())) {
                throw new InvalidRequestException("unknown query parameter " + e.getKey() + "; known are "
                        + String.join(", ", PARAMETERS));
            }
            if (e.getValue().size() > 1 && !"status".equals(e.getKey())) {
                throw new InvalidRequestException(e.getKey() + " takes one value");
            }
        }
        List<String> status = query.get("status");
        return status == null ? null : String.join(",", status);
    }

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
                    + "current viewers. Cursor pagination.")
    @APIResponse(responseCode = "200", description = "One page of tasks")
    public Uni<TaskPage> list(
            @Parameter(description = LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "Statuses, comma-separated or repeated, or all (default open,claimed; snoozed "
                    + "only when asked). An unknown parameter, or another one repeated, is a 400",
                    example = "open,claimed") @QueryParam("status") String status,
            @Parameter(description = "true, false or any (default true without status, any with)",
                    schema = @Schema(enumeration = {"true", "false", "any"})) @QueryParam("needsReply") String needsReply,
            @Parameter(description = "Team", example = "support") @QueryParam("team") String team,
            @Parameter(schema = @Schema(enumeration = {"P1", "P2", "P3", "P4"})) @QueryParam("tier") String tier,
            @Parameter(example = "hackernews") @QueryParam("source") String source,
            @Parameter(description = "An intent of any post", example = "outage") @QueryParam("intent") String intent,
            @Parameter(description = "The task's (worst) sentiment",
                    schema = @Schema(enumeration = {"negative", "neutral", "positive"}))
            @QueryParam("sentiment") String sentiment,
            @Parameter(description = "Who claimed it; me for yourself, none for unclaimed")
            @QueryParam("assignee") String assignee,
            @Parameter(description = "Words in the title or posts (case-insensitive)") @QueryParam("text") String text,
            @Context UriInfo uri) {
        status = checkParameters(uri);
        return queue.page(new QueueService.ListQuery(status, needsReply, team, tier, source, intent, sentiment,
                assignee, text, cursor, RequestContext.limit(limit)), context.caller());
    }
}
