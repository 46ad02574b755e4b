package dev.earshot.response.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A webhook subscription as the API shows it: the URL masked, secrets never shown after creation. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A webhook subscription")
public record WebhookView(
        long id,
        String name,
        @Schema(description = "The target with its path masked: incoming-webhook URLs are credentials")
        String url,
        String format,
        List<String> events,
        String minTier,
        List<String> teams,
        List<String> intents,
        List<String> sources,
        List<String> rules,
        @Schema(description = "How many signing keys sign each message (2 during a rotation)") int signingKeys,
        boolean enabled,
        @Schema(description = "Why the dispatcher disabled it (404/410 from the endpoint)") String disabledReason,
        long version,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Only in the answer that created it: the new signing key, shown once")
        String newSecret) {
}
