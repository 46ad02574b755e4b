package dev.earshot.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.scoring.SentimentScorer;

/** The loaded model: version, training data and parameters, development-split figures. */
@Path("/api/v1/model")
@Tag(name = "scoring")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"agent", "lead", "admin"})
public class ModelResource {

    private final SentimentScorer scorer;

    public ModelResource(SentimentScorer scorer) {
        this.scorer = scorer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Version and evaluation figures of the sentiment model in use")
    public ModelMetadata model() {
        return scorer.metadata();
    }
}
