package dev.earshot.response.insight;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "KPIs of a range for everyone, one team or one agent. Times in seconds; every sentiment figure "
        + "on one scale, -100 (all negative) to 100 (all positive); null when nothing to measure")
public record KpiFigures(
        @Schema(description = "Team or agent; null for the whole range") String key,
        @Schema(description = "Tasks whose first response was in the range") long responded,
        Double firstResponseMedianSeconds,
        Double firstResponseP90Seconds,
        @Schema(description = "Tasks resolved in the range") long resolved,
        Double resolutionMedianSeconds,
        Double resolutionP90Seconds,
        @Schema(description = "First responses in the range within their SLA") long slaMet,
        @Schema(description = "First responses in the range after their SLA, plus unanswered tasks whose SLA "
                + "expired in the range") long slaMissed,
        @Schema(description = "slaMet / (slaMet + slaMissed), 0..1") Double slaAttainment,
        @Schema(description = "Tasks created in the range that needed a reply") Long needingReply,
        @Schema(description = "Share of those that got a response (a recorded reply, or a resolve), 0..1")
        Double responseRate,
        @Schema(description = "Posts created in the range") Long posts,
        @Schema(description = "% positive minus % negative of the posts in the range, -100..100") Double netSentiment,
        @Schema(description = "Net sentiment of the conversations answered in the range, posts before our reply")
        Double netSentimentBeforeReply,
        @Schema(description = "... and posts from our first reply on") Double netSentimentAfterReply,
        @Schema(description = "Mean sentiment score of those posts before our first reply, scaled to -100..100 (the "
                + "score times 100)") Double sentimentBeforeReply,
        @Schema(description = "... and from our first reply on") Double sentimentAfterReply,
        @Schema(description = "Replies recorded in the range (every one, several per task too); per agent: theirs")
        long replies,
        @Schema(description = "Tasks with a reply recorded in the range") long repliedTasks) {
}
