package dev.earshot.listener.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.listener.model.Rule;
import dev.earshot.listener.pipeline.Rules;

/** The configured listening rules. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "rules")
@SecurityRequirement(name = "jwt")
public class RulesResource {

    private final Rules rules;

    public RulesResource(Rules rules) {
        this.rules = rules;
    }

    @GET
    @Operation(summary = "Configured listening rules")
    public List<Rule> list() {
        return rules.all();
    }
}
