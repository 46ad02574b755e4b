package dev.earshot.response.task;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Who has claimed a task and who is viewing it right now")
public record Viewers(long taskId, @Schema(description = "Claimed by") String assignee, List<ViewerView> viewers) {
}
