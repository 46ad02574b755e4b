package dev.earshot.response.correction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.common.RequestContext;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/corrections")
@RolesAllowed("admin")
@Tag(name = "Corrections", description = "People's corrections of the model, as labelled rows for training")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CorrectionExportResource {

    public static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final CorrectionExport export;
    private final ObjectMapper mapper;

    public CorrectionExportResource(CorrectionExport export, ObjectMapper mapper) {
        this.export = export;
        this.mapper = mapper;
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @Operation(summary = "Export corrections as JSON lines (admin)",
            description = "One CorrectionRow per line, oldest first: the post (platform, language, title, text), "
                    + "the field, the post's model label, the model's value for the task, the value before, the "
                    + "corrected value, who and when. At most limit (1..1000, default 500) rows; when more follow, "
                    + "the Link header (rel=\"next\") names the next page (cursor = the last row's id).")
    @APIResponse(responseCode = "200", description = "JSON lines",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = CorrectionRow.class)))
    public Uni<RestResponse<String>> export(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int max = RequestContext.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        long after = cursor(cursor);
        return export.page(after, max).map(page -> {
            StringBuilder body = new StringBuilder();
            for (CorrectionRow row : page.rows()) {
                try {
                    body.append(mapper.writeValueAsString(row)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            RestResponse.ResponseBuilder<String> b = RestResponse.ResponseBuilder.ok(body.toString(), NDJSON);
            if (page.next() != null) {
                b.header("Link", "</api/v1/corrections/export?cursor=" + page.next() + "&limit=" + max
                        + ">; rel=\"next\"");
            }
            return b.build();
        });
    }

    private static long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("cursor must be the id a Link header named");
    }
}
