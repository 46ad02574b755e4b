package dev.earshot.response.webhook;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription as sent by an admin (POST creates, PUT replaces). */
@Schema(description = "A webhook subscription. On PUT, every field left out keeps its stored value.")
public record WebhookRequest(
        @Schema(examples = "#social-urgent in Slack") String name,
        @Schema(description = "Where messages are POSTed (the tool's incoming-webhook URL); treated as a secret",
                examples = "https://hooks.slack.com/services/T000/B000/XXXX") String url,
        @Schema(enumeration = {"slack", "teams", "discord", "mattermost", "google-chat", "json"}) String format,
        @Schema(description = "Event types", enumeration = {"task.created", "task.escalated", "task.sla_warning",
                "task.sla_breached", "task.resolved", "task.replied", "task.reopened", "volume.spike"}) List<String> events,
        @Schema(description = "Only tasks of this tier or more urgent", enumeration = {"P1", "P2", "P3", "P4"})
        String minTier,
        @Schema(description = "Only tasks of these teams (empty: all)") List<String> teams,
        @Schema(description = "Only tasks with one of these intents (empty: all)") List<String> intents,
        @Schema(description = "Only tasks from these sources (empty: all)") List<String> sources,
        @Schema(description = "Only tasks or spikes of these listening rules (empty: all)") List<String> rules,
        @Schema(description = "json format only: a Standard Webhooks key (whsec_...); generated when missing")
        String secret,
        @Schema(description = "Default true on create; set true again to re-enable an endpoint disabled after a "
                + "404/410")
        Boolean enabled) {
}
