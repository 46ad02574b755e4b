package dev.earshot.response.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestResponse;

import dev.earshot.response.alert.RuleWindow;
import dev.earshot.response.alert.SpikeDetector;
import dev.earshot.response.alert.SpikeHistory;
import dev.earshot.response.insight.KpiTrend;
import dev.earshot.response.insight.KpiTrends;
import dev.earshot.response.insight.TrendRange;
import dev.earshot.response.people.SignInConfig;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The Insights page (issue 18) for leads and admins, as the KPI API: the KPIs of {@link KpiTrends} per day or week of
 * a date range, per team or agent, each chart drawn by uPlot from the table under it (the table is the chart's text
 * alternative and works without JavaScript), a CSV export per chart, and the spike alerts of the range. An agent gets
 * a readable 403 page; a wrong range is shown on the page (400) with the form to correct it.
 */
@Path("/inbox/insights")
@RolesAllowed({"agent", "lead", "admin"})
public class InsightsPage {

    /** Spike alerts listed at most. */
    static final int MAX_SPIKES = 100;
    private static final List<String> PARAMETERS = List.of("from", "to", "group");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance insights(SignedIn me, String from, String to, String group, String problem,
                String period, List<InsightsView> charts, List<SpikeHistory.Fired> spikes,
                List<RuleWindow> spikingNow);

        static native TemplateInstance forbidden(SignedIn me);
    }

    /** The spike alerts of the range, and the rules over their thresholds now. */
    private record SpikesSeen(List<SpikeHistory.Fired> fired, List<RuleWindow> spikingNow) {
    }

    private final KpiTrends trends;
    private final SpikeHistory spikeHistory;
    private final SpikeDetector spikes;
    private final SecurityIdentity identity;
    private final boolean secureCookies;

    public InsightsPage(KpiTrends trends, SpikeHistory spikeHistory, SpikeDetector spikes, SecurityIdentity identity,
            SignInConfig signIn) {
        this.trends = trends;
        this.spikeHistory = spikeHistory;
        this.spikes = spikes;
        this.identity = identity;
        this.secureCookies = signIn.secureCookies();
    }

    private boolean allowed() {
        return identity.hasRole("lead") || identity.hasRole("admin");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<RestResponse<TemplateInstance>> page(@Context UriInfo uri,
            @RestCookie(InboxCsrf.COOKIE) String csrfCookie) {
        String csrf = InboxCsrf.token(csrfCookie);
        SignedIn me = SignedIn.of(identity, csrf);
        if (!allowed()) {
            return Uni.createFrom().item(withCsrf(403, Templates.forbidden(me), csrf, csrfCookie));
        }
        String from = first(uri, "from");
        String to = first(uri, "to");
        String group = first(uri, "group");
        TrendRange range;
        try {
            ListParameters.check(uri, PARAMETERS.toArray(String[]::new));
            range = TrendRange.parse(from, to, group, today());
        } catch (InvalidRequestException e) {
            return Uni.createFrom().item(withCsrf(400, Templates.insights(me, from, to, group, e.getMessage(), null,
                    List.of(), List.of(), List.of()), csrf, csrfCookie));
        }
        String query = query(range);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // the trend's queries (pooled connections) while the spikes are read, one after the other (one session)
        Uni<SpikesSeen> seen = spikeHistory.fired(range.start(), range.end(), MAX_SPIKES)
                .flatMap(fired -> spikes.measure(now, List.of(), null, 1000).map(windows -> new SpikesSeen(fired,
                        windows.stream().filter(w -> !w.reasons().isEmpty()).toList())));
        return Uni.combine().all().unis(trends.trend(range), seen).asTuple()
                .map(t -> withCsrf(200, Templates.insights(me, range.from().toString(), range.to().toString(),
                        range.groupBy(), null, range.period(), views(t.getItem1(), query), t.getItem2().fired(),
                        t.getItem2().spikingNow()), csrf, csrfCookie));
    }

    /** The figures of one chart as {@code text/csv}, for the same parameters as the page. */
    @GET
    @Path("/{chart}.csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Uni<RestResponse<String>> csv(@PathParam("chart") String chart, @Context UriInfo uri) {
        if (!allowed()) {
            return Uni.createFrom().item(text(403, "Insights are for leads and admins.\n"));
        }
        TrendRange range;
        try {
            ListParameters.check(uri, PARAMETERS.toArray(String[]::new));
            range = TrendRange.parse(first(uri, "from"), first(uri, "to"), first(uri, "group"), today());
        } catch (InvalidRequestException e) {
            return Uni.createFrom().item(text(400, e.getMessage() + "\n"));
        }
        return trends.trend(range).map(trend -> trend.chart(chart)
                .map(c -> InsightsView.of(c, trend.periods(), query(range)))
                .map(view -> RestResponse.ResponseBuilder.<String>ok(view.toCsv(), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"earshot-" + chart + "-"
                                + range.from() + "-" + range.to() + "-per-" + range.groupBy() + ".csv\"")
                        .build())
                .orElseGet(() -> text(404, "no chart " + chart + "\n")));
    }

    private static RestResponse<String> text(int status, String body) {
        return RestResponse.ResponseBuilder.<String>create(status).entity(body).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .build();
    }

    private static List<InsightsView> views(KpiTrend trend, String query) {
        return trend.charts().stream().map(c -> InsightsView.of(c, trend.periods(), query)).toList();
    }

    /** The page's parameters, normalised, for the export links. */
    private static String query(TrendRange range) {
        return "from=" + range.from() + "&to=" + range.to() + "&group=" + range.groupBy();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String first(UriInfo uri, String name) {
        return uri.getQueryParameters().getFirst(name);
    }

    private RestResponse<TemplateInstance> withCsrf(int status, TemplateInstance page, String csrf, String cookie) {
        RestResponse.ResponseBuilder<TemplateInstance> b = RestResponse.ResponseBuilder.<TemplateInstance>create(status).entity(page);
        if (!csrf.equals(cookie)) {
            b.cookie(InboxCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }
}
