package dev.earshot.response.insight;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.web.ListParameters;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insight", description = "Customers across conversations, and KPIs")
public class InsightResource {

    private final Kpis kpis;
    private final KpiTrends trends;

    public InsightResource(Kpis kpis, KpiTrends trends) {
        this.kpis = kpis;
        this.trends = trends;
    }

    @GET
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "KPIs over a time range, per team and agent (lead, admin)",
            description = "First response time (median, p90), resolution time, SLA attainment, backlog by tier, "
                    + "response rate, net sentiment, volume by source and intent, and the sentiment of answered "
                    + "conversations before and after our reply. Range [from, to), default the last 7 days. An unknown "
                    + "query parameter, or one given twice, is a 400.")
    @APIResponse(responseCode = "200", description = "The KPIs")
    public Uni<KpiReport> kpis(
            @Parameter(description = "ISO-8601 instant, default to - 7 days", example = "2026-11-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, default now", example = "2026-12-01T00:00:00Z")
            @QueryParam("to") String to,
            @Parameter(description = "Only this team", example = "support") @QueryParam("team") String team,
            @Parameter(description = "Only this agent's responses and resolutions") @QueryParam("agent") String agent,
            @Context UriInfo uri) {
        ListParameters.check(uri, "agent", "from", "team", "to");
        return kpis.report(from, to, team, agent);
    }

    @GET
    @Path("/trend")
    @RolesAllowed({"lead", "admin"})
    @Operation(summary = "KPIs per day or week of a date range, per team or agent (lead, admin)",
            description = "The figures of GET /api/v1/kpis over time, as the inbox's Insights page charts them: first "
                    + "response and resolution median and p90, SLA attainment, response rate, net sentiment, net "
                    + "sentiment after our reply, backlog by tier, volume per rule and per source; a series for "
                    + "everyone (\"All\") and one per team or agent, a value per period (null: nothing to measure). "
                    + "Days in UTC, both included, default the last 30; at most 366; per week (from Monday) beyond 92 "
                    + "days. An unknown query parameter, or one given twice, is a 400.")
    @APIResponse(responseCode = "200", description = "The charts' figures")
    public Uni<KpiTrend> trend(
            @Parameter(description = "First day, YYYY-MM-DD, default to - 29 days", example = "2026-11-01")
            @QueryParam("from") String from,
            @Parameter(description = "Last day, YYYY-MM-DD, default today (UTC)", example = "2026-11-30")
            @QueryParam("to") String to,
            @Parameter(description = "team (default) or agent") @QueryParam("group") String group,
            @Context UriInfo uri) {
        ListParameters.check(uri, "from", "group", "to");
        return trends.trend(TrendRange.parse(from, to, group, LocalDate.now(ZoneOffset.UTC)));
    }
}
