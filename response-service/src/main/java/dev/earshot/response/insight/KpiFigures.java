package dev.earshot.response.insight;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "KPIs of a range for everyone, one team or one agent. Times in seconds; null when nothing to measure")
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
        @Schema(description = "Share of those that got a response, 0..1") Double responseRate,
        @Schema(description = "Posts created in the range") Long posts,
        @Schema(description = "% positive minus % negative of the posts in the range") Double netSentiment,
        @Schema(description = "Net sentiment of the conversations answered in the range, posts before our reply")
        Double netSentimentBeforeReply,
        @Schema(description = "... and posts after our reply") Double netSentimentAfterReply,
        @Schema(description = "Mean sentiment score (-1..1) of those posts before our reply") Double sentimentBeforeReply,
        @Schema(description = "... and after our reply") Double sentimentAfterReply) {
}
