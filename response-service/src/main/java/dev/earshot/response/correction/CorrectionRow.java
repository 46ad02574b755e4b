package dev.earshot.response.correction;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One labelled row of the export: the post the label goes with (the conversation's latest post when corrected),
 * the model's label and the person's.
 */
@RegisterForReflection // written line by line with ObjectMapper, not returned by a resource: Quarkus cannot see it
public record CorrectionRow(long id, long taskId, String field, String platform, String language, String title,
        String text, String postLabel, String modelLabel, String previousLabel, String correctedLabel,
        String correctedBy, Instant correctedAt) {
}
