package dev.earshot.response.common;

import java.util.Collection;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.earshot.web.ListParameters;

/**
 * The query of a listing ({@code @BeanParam}): {@code limit} and {@code cursor}, described once for OpenAPI, and
 * the request's query, read through web-support's {@link ListParameters} (unknown parameters, repeated values).
 */
public class PageQuery {

    @Parameter(description = ListParameters.LIMIT_DESCRIPTION,
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
    @QueryParam("limit")
    String limit;

    @Parameter(description = ListParameters.CURSOR_DESCRIPTION)
    @QueryParam("cursor")
    String cursor;

    @Context
    UriInfo uri;

    /** A listing that takes limit and cursor only. */
    public ListParameters check() {
        return ListParameters.check(uri, "limit", "cursor");
    }

    /** A listing that also filters: {@code known} names limit and cursor too, {@code lists} the multi-valued ones. */
    public ListParameters check(Collection<String> known, Collection<String> lists) {
        return ListParameters.check(uri, known, lists);
    }
}
