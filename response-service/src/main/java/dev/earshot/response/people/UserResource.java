package dev.earshot.response.people;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.Paging;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "People", description = "The directory of people: who may be assigned, which teams an agent claims from, "
        + "the Slack link. While it is empty, anyone may be assigned and anyone claims from any team.")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

    private final Directory directory;

    public UserResource(Directory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(summary = "The directory, in id order (admin)",
            description = "Cursor pagination: pass nextCursor as cursor for the next page. An unknown query "
                    + "parameter is a 400.")
    @APIResponse(responseCode = "200", description = "A page of people; nextCursor continues it")
    public Uni<Page<UserView>> list(@BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        return directory.list(Paging.afterText(query.cursor()), query.limit());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One person (admin)")
    @APIResponse(responseCode = "200", description = "The person")
    @APIResponse(responseCode = "404", description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserView> get(@PathParam("id") String id) {
        return directory.get(userId(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add or replace a person (admin)",
            description = "The id is the name the person's tokens carry (upn). Teams must be routing teams.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The email or Slack user id belongs to someone else",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<UserView>> put(@PathParam("id") String id, @Valid @NotNull UserRequest request) {
        return directory.put(userId(id), request).map(saved -> saved.created()
                ? RestResponse.status(RestResponse.Status.CREATED, saved.user())
                : RestResponse.ok(saved.user()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a person (admin)", description = "Tasks they hold stay assigned to them.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("id") String id) {
        return directory.delete(userId(id));
    }

    private static String userId(String id) {
        if (id == null || id.isBlank() || id.length() > 320) {
            throw new InvalidRequestException("user id must be 1 to 320 characters");
        }
        return id;
    }
}
