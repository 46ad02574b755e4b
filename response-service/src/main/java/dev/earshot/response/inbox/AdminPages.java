package dev.earshot.response.inbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The inbox's Admin section (issue 18): users and roles ({@link AdminUserPages}) and webhooks
 * ({@link AdminWebhookPages}) for admins, saved replies ({@link AdminReplyPages}) for leads and admins, as the API
 * allows each. Agents get a 403 page ({@link InboxForbidden}).
 */
@Path("/inbox/admin")
@RolesAllowed({"lead", "admin"})
public class AdminPages {

    private final SecurityIdentity identity;

    public AdminPages(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The first admin page this person may use: users for admins, saved replies for leads. */
    @GET
    @Operation(hidden = true)
    public RestResponse<Void> admin() {
        return RestResponse.seeOther(java.net.URI.create(identity.hasRole("admin") ? "/inbox/admin/users"
                : "/inbox/admin/saved-replies"));
    }
}
