package dev.earshot.response.insight;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "KPIs over a time range [from, to), overall, per team and per agent")
public record KpiReport(
        Instant from,
        Instant to,
        @Schema(description = "Only this team, when asked") String team,
        @Schema(description = "Only this agent's responses and resolutions, when asked") String agent,
        KpiFigures overall,
        List<KpiFigures> byTeam,
        @Schema(description = "Response and resolution figures per agent (who answered first, who resolved)")
        List<KpiFigures> byAgent,
        @Schema(description = "Active tasks needing a reply now, per tier") Map<String, Long> backlogByTier,
        @Schema(description = "Posts in the range per source") Map<String, Long> volumeBySource,
        @Schema(description = "Posts in the range per intent") Map<String, Long> volumeByIntent) {
}
