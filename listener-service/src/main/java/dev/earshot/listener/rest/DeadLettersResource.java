package dev.earshot.listener.rest;

import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.listener.model.DeadLetter;
import dev.earshot.listener.pipeline.DeadLetterStore;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Uni;

/** Posts that could not be normalised, newest first, in pages of bounded size. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "dead-letters")
@SecurityRequirement(name = "jwt")
public class DeadLettersResource {

    /** Largest answer body: entries that would not fit move to the next page. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /** Room in {@link #MAX_ANSWER_BYTES} for the envelope around the entries ({@code nextCursor} and the names). */
    private static final int ENVELOPE_BYTES = 128;

    /** A Redis stream entry id, the cursor of this listing. */
    private static final Pattern ENTRY_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

    private final DeadLetterStore deadLetters;

    public DeadLettersResource(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "Newest dead letters",
            description = "Newest first. Each entry keeps at most 4096 bytes of the raw post (rawTruncated tells). "
                    + "An answer holds at most limit entries and at most 1 MiB; when more entries follow, nextCursor "
                    + "(the entryId of the last entry) gives the next page with ?cursor=, as does the Link header "
                    + "(rel=\"next\"). An unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "One page of dead letters",
            headers = @Header(name = "Link", description = "<...?limit=N&cursor=ID>; rel=\"next\" when more follow",
                    schema = @Schema(type = SchemaType.STRING)))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = ListParameters.LIMIT_DESCRIPTION,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListParameters.CURSOR_DESCRIPTION
            + ": only entries older than this entryId")
    public Uni<RestResponse<Page<DeadLetter>>> newest(@Context UriInfo uri) {
        ListParameters query = ListParameters.check(uri, "limit", "cursor");
        int limit = query.limit();
        String cursor = query.cursor();
        if (cursor != null && !ENTRY_ID.matcher(cursor).matches()) {
            throw new InvalidRequestException("cursor must be the nextCursor of a previous page, an entryId such as "
                    + "1733300000000-0");
        }
        return deadLetters.page(cursor, limit, MAX_ANSWER_BYTES - ENVELOPE_BYTES).map(page -> {
            RestResponse.ResponseBuilder<Page<DeadLetter>> answer = RestResponse.ResponseBuilder.ok(page);
            if (page.nextCursor() != null) {
                answer.header("Link", "</api/v1/dead-letters?limit=" + limit + "&cursor=" + page.nextCursor()
                        + ">; rel=\"next\"");
            }
            return answer.build();
        });
    }
}
