package dev.earshot.listener.rest;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.web.InvalidRequestException;
import dev.earshot.listener.model.DeadLetter;
import dev.earshot.listener.pipeline.DeadLetterStore;
import io.smallrye.mutiny.Uni;

/** Posts that could not be normalised, newest first, in pages of bounded size. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "dead-letters")
@SecurityRequirement(name = "jwt")
public class DeadLettersResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    /** Largest answer body: entries that would not fit move to the next page. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private static final Pattern ENTRY_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

    private final DeadLetterStore deadLetters;

    public DeadLettersResource(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "Newest dead letters",
            description = "Newest first. Each entry keeps at most 4096 bytes of the raw post (rawTruncated tells). "
                    + "An answer holds at most limit entries and at most 1 MiB; when more entries follow, the Link "
                    + "header (rel=\"next\") gives the next page, i.e. the same query with before=<last entryId>.")
    @APIResponse(responseCode = "200", description = "One page of dead letters",
            headers = @Header(name = "Link", description = "<...?limit=N&before=ID>; rel=\"next\" when more follow",
                    schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<List<DeadLetter>>> newest(
            @Parameter(description = "Most entries, 1..1000 (default 50)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Only entries older than this entryId (from the Link header of the previous page)")
            @QueryParam("before") String before) {
        int max = parseLimit(limit);
        if (before != null && !ENTRY_ID.matcher(before).matches()) {
            throw new InvalidRequestException("before must be an entryId such as 1733300000000-0");
        }
        return deadLetters.page(before, max, MAX_ANSWER_BYTES).map(page -> {
            RestResponse.ResponseBuilder<List<DeadLetter>> answer = RestResponse.ResponseBuilder.ok(page.items());
            if (page.nextBefore() != null) {
                answer.header("Link", "</api/v1/dead-letters?limit=" + max + "&before=" + page.nextBefore()
                        + ">; rel=\"next\"");
            }
            return answer.build();
        });
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
    }
}
