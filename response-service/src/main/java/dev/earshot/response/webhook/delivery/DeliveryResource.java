package dev.earshot.response.webhook.delivery;

import static dev.earshot.response.common.RequestContext.id;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import dev.earshot.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/webhooks/{subscriptionId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Webhook deliveries", description = "The delivery log of a webhook subscription, and redelivery (admin)")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such subscription or delivery",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeliveryResource {

    private final DeliveryLog log;

    public DeliveryResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Deliveries of a subscription, newest first",
            description = "Pass nextCursor back as cursor for older deliveries. An unknown query parameter is a 400.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Uni<Page<DeliveryViews.Delivery>> list(@PathParam("subscriptionId") String subscriptionId,
            @BeanParam PageQuery listing) {
        long subscription = id(subscriptionId, "webhook subscription");
        ListParameters query = listing.check();
        return log.list(subscription, Paging.afterId(query.cursor()), query.limit());
    }

    @GET
    @Path("/{deliveryId}")
    @Operation(summary = "One delivery with all its attempts (time, status code, error, duration, body excerpt)")
    @APIResponse(responseCode = "200", description = "The delivery")
    public Uni<DeliveryViews.DeliveryDetail> get(@PathParam("subscriptionId") String subscriptionId,
            @PathParam("deliveryId") String deliveryId) {
        return log.get(id(subscriptionId, "webhook subscription"), id(deliveryId, "delivery"));
    }

    @POST
    @Path("/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again", description = "It becomes pending, due now, with its attempts "
            + "counted from zero; the dispatcher sends it within a second or so.")
    @APIResponse(responseCode = "202", description = "Queued for delivery")
    @APIResponse(responseCode = "409", description = "The subscription is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<DeliveryViews.Delivery>> redeliver(@PathParam("subscriptionId") String subscriptionId,
            @PathParam("deliveryId") String deliveryId) {
        return log.redeliver(id(subscriptionId, "webhook subscription"), id(deliveryId, "delivery"),
                WebhookDispatcher.now())
                .map(d -> RestResponse.ResponseBuilder.<DeliveryViews.Delivery>create(202).entity(d).build());
    }
}
