package dev.earshot.sentiment.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/score}. */
public record ScoreRequest(
        @Schema(description = "1 to 100 texts; one that holds nothing to score (blank, only links) is answered scorable: false, the others are scored; each longer than 5,000 characters is truncated",
                example = "[\"Acme Cloud has been down for an hour\"]") List<String> texts) {
}
