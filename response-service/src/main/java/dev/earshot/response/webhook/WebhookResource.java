package dev.earshot.response.webhook;

import static dev.earshot.response.common.RequestContext.body;
import static dev.earshot.response.common.RequestContext.id;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.Paging;
import dev.earshot.response.common.RequestContext;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Webhooks", description = "Chat tools and HTTP endpoints that hear about tasks and spikes (admin)")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Only admins manage webhooks",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    private final WebhookSubscriptionService webhooks;
    private final RequestContext context;

    public WebhookResource(WebhookSubscriptionService webhooks, RequestContext context) {
        this.webhooks = webhooks;
        this.context = context;
    }

    @GET
    @Operation(summary = "Webhook subscriptions, in id order",
            description = "Cursor pagination: pass nextCursor as cursor for the next page. An unknown query "
                    + "parameter is a 400.")
    @APIResponse(responseCode = "200", description = "One page of subscriptions, URLs masked, secrets never shown")
    public Uni<Page<WebhookView>> list(@BeanParam PageQuery listing) {
        ListParameters query = listing.check();
        return webhooks.list(Paging.afterId(query.cursor()), query.limit());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook subscription (ETag is its version)")
    @APIResponse(responseCode = "200", description = "The subscription")
    public Uni<RestResponse<WebhookView>> get(@PathParam("id") String id) {
        return webhooks.get(id(id, "webhook")).map(WebhookResource::withEtag);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an endpoint",
            description = "For format json a signing key is generated unless one is sent; it is in newSecret of this "
                    + "answer only. The url is checked by the address guard (no private, loopback, link-local or "
                    + "metadata address; a host that does not resolve yet is checked again on every send).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> create(WebhookRequest request) {
        body(request);
        return webhooks.checkAddress(request.url()).chain(() -> webhooks.create(context.caller(), request)).map(v -> RestResponse.ResponseBuilder
                .<WebhookView>created(URI.create("/api/v1/webhooks/" + v.id())).entity(v)
                .header("ETag", RequestContext.etag(v.version())).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription; honours If-Match",
            description = "Only the fields sent change; a field left out keeps its stored value (so {\"enabled\": false} "
                    + "switches it off; [] clears a filter). The url is checked by the address guard as on create.")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid change, or a url the address guard refuses",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> replace(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch,
            WebhookRequest request) {
        long webhookId = id(id, "webhook");
        body(request);
        return webhooks.checkAddress(request.url()).chain(() -> webhooks.replace(webhookId, ifMatch, request))
                .map(WebhookResource::withEtag);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription and its delivery log; honours If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id, @RestHeader("If-Match") String ifMatch) {
        return webhooks.delete(id(id, "webhook"), ifMatch).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/secrets")
    @Operation(summary = "Rotate the signing key (json format)",
            description = "The new key (newSecret, shown once) signs from now on, together with the previous one until "
                    + "DELETE /{id}/secrets/previous, so receivers switch without losing a message.")
    @APIResponse(responseCode = "200", description = "Rotated")
    @APIResponse(responseCode = "409", description = "The format is not signed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookView>> rotate(@PathParam("id") String id) {
        return webhooks.rotateSecret(id(id, "webhook")).map(WebhookResource::withEtag);
    }

    @DELETE
    @Path("/{id}/secrets/previous")
    @Operation(summary = "End a key rotation: only the newest key signs")
    @APIResponse(responseCode = "200", description = "Done")
    public Uni<RestResponse<WebhookView>> dropPrevious(@PathParam("id") String id) {
        return webhooks.dropPreviousSecrets(id(id, "webhook")).map(WebhookResource::withEtag);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a sample event now and show the endpoint's answer",
            description = "Goes out at once, not through the outbox; the address guard applies.")
    @APIResponse(responseCode = "200", description = "What the endpoint answered (delivered false on any failure)")
    public Uni<TestSendResult> test(@PathParam("id") String id,
            @Parameter(description = "The sample event's type; task.created when absent", example = "task.sla_breached")
            @QueryParam("event") String event) {
        return webhooks.testSend(id(id, "webhook"), event);
    }

    private static RestResponse<WebhookView> withEtag(WebhookView v) {
        return RestResponse.ResponseBuilder.ok(v).header("ETag", RequestContext.etag(v.version())).build();
    }
}
