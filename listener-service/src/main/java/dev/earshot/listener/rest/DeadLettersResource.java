package dev.earshot.listener.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.listener.model.DeadLetter;
import dev.earshot.listener.pipeline.DeadLetterStore;
import io.smallrye.mutiny.Uni;

/** Posts that could not be normalised, newest first. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "agent", "lead", "admin" })
@Tag(name = "dead-letters")
@SecurityRequirement(name = "jwt")
public class DeadLettersResource {

    static final int MAX_LIMIT = 1000;

    private final DeadLetterStore deadLetters;

    public DeadLettersResource(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "Newest dead letters (limit 1..1000, default 50)")
    public Uni<List<DeadLetter>> newest(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.newest(limit);
    }
}
