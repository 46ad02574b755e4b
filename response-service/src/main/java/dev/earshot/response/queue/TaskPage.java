package dev.earshot.response.queue;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.earshot.response.task.TaskSummary;

@Schema(description = "One page of the task queue")
public record TaskPage(
        List<TaskSummary> items,
        @Schema(description = "Opaque cursor of the next page, null on the last page", nullable = true)
        String nextCursor) {
}
