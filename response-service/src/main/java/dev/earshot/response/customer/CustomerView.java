package dev.earshot.response.customer;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.earshot.response.task.MentionView;
import dev.earshot.response.task.TaskSummary;

@Schema(description = "One author on one source: every conversation and task they took part in")
public record CustomerView(
        String source,
        @Schema(description = "Handle or author id as asked") String author,
        String displayName,
        String profileUrl,
        Long followers,
        long postCount,
        long taskCount,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long positivePosts,
        long negativePosts,
        @Schema(description = "% positive minus % negative of their posts") double netSentiment,
        @Schema(description = "Their tasks (up to 200) in queue order, any status") List<TaskSummary> tasks,
        @Schema(description = "Their latest posts (up to 20), newest first") List<MentionView> recentPosts) {
}
