package dev.earshot.response.task;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One page of a task's posts, newest first")
public record MentionPage(
        List<MentionView> items,
        @Schema(description = "Opaque cursor of the next (older) page, null on the last page", nullable = true)
        String nextCursor) {
}
