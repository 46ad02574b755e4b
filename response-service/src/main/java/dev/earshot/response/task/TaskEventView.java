package dev.earshot.response.task;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One entry of a task's audit trail")
public record TaskEventView(
        long id,
        @Schema(description = "JWT upn/subject of who did it; \"system\" for ingestion and timers") String actor,
        @Schema(description = "created, post-added, reopened-by-post, claimed, assigned, unassigned, snoozed, woken, "
                + "noted, resolved, dismissed, reopened, routed") String action,
        Instant at,
        String fromStatus,
        String toStatus,
        String detail) {
}
