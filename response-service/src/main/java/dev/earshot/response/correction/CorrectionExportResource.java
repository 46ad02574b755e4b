package dev.earshot.response.correction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.Paging;
import dev.earshot.web.ListParameters;
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
                    + "corrected value, who and when. A page of limit rows (the one limit of every listing); when "
                    + "more follow, the Link header (rel=\"next\") names the next page, whose cursor is the page's "
                    + "nextCursor. An unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "JSON lines",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = CorrectionRow.class)))
    public Uni<RestResponse<String>> export(@BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        int limit = query.limit();
        return export.page(Paging.afterId(query.cursor()), limit).map(page -> {
            StringBuilder body = new StringBuilder();
            for (CorrectionRow row : page.items()) {
                try {
                    body.append(mapper.writeValueAsString(row)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            RestResponse.ResponseBuilder<String> b = RestResponse.ResponseBuilder.ok(body.toString(), NDJSON);
            if (page.nextCursor() != null) {
                b.header("Link", "</api/v1/corrections/export?cursor=" + page.nextCursor() + "&limit=" + limit
                        + ">; rel=\"next\"");
            }
            return b.build();
        });
    }
}
