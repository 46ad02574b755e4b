package dev.earshot.response.customer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.web.ListParameters;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insight", description = "Customers across conversations, and KPIs")
public class CustomerResource {

    private final CustomerService customers;

    public CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Path("/{source}/{author}")
    @RolesAllowed({"agent", "lead", "admin"})
    @Operation(summary = "One customer: all conversations and tasks of an author on a source",
            description = "author is the handle (any case, with or without @) or the source's author id. The view "
                    + "carries their tasks (up to 200) and latest posts (up to 20); it takes no query parameter "
                    + "(400).")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "404", description = "No posts of this author on this source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CustomerView> customer(@Parameter(example = "hackernews") @PathParam("source") String source,
            @Parameter(example = "alice") @PathParam("author") String author, @Context UriInfo uri) {
        ListParameters.check(uri);
        return customers.customer(source, author);
    }
}
