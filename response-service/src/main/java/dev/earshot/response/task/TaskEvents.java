package dev.earshot.response.task;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A task's audit trail, oldest first")
public record TaskEvents(long taskId, List<TaskEventView> items) {
}
