package dev.earshot.response.task;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One page of a task's audit trail, oldest first")
public record TaskEvents(
        long taskId,
        List<TaskEventView> items,
        @Schema(description = "Opaque cursor of the next (later) page, null on the last page", nullable = true)
        String nextCursor) {
}
