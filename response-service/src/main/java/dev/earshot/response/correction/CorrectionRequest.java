package dev.earshot.response.correction;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a person corrects; absent fields stay as they are, at least one is needed. */
@Schema(description = "Corrections of what the model decided; absent fields are left as they are")
public record CorrectionRequest(
        @Schema(description = "P1..P4: the SLA and the queue position follow", examples = "P1")
        @Pattern(regexp = "P[1-4]", message = "must be P1, P2, P3 or P4") String tier,
        @Schema(description = "The conversation's sentiment label", examples = "negative")
        @Pattern(regexp = "positive|neutral|negative", message = "must be positive, neutral or negative")
        String sentiment,
        @Schema(description = "The intents, replacing the model's", examples = "[\"outage\"]")
        @Size(max = 20) List<@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+",
                message = "must be lowercase letters, digits and dashes") String> intents,
        @Schema(description = "false takes the task out of the default queue and claim-next") Boolean needsReply,
        @Schema(description = "true dismisses an active task as spam; false reopens a task dismissed as spam")
        Boolean spam) {

    boolean isEmpty() {
        return tier == null && sentiment == null && intents == null && needsReply == null && spam == null;
    }
}
