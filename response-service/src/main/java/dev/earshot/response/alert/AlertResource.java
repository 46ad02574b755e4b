package dev.earshot.response.alert;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.response.common.PageQuery;
import dev.earshot.response.common.Paging;
import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.ListParameters;
import dev.earshot.web.Page;
import io.smallrye.mutiny.Uni;

/** Where each listening rule stands against its spike thresholds, so a brewing storm shows in the UI. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Volume and negative-share spikes per listening rule")
public class AlertResource {

    static final int MAX_RULE_LENGTH = 200;
    private static final List<String> PARAMETERS = List.of("cursor", "limit", "rule");

    private final SpikeDetector detector;
    private final AlertsConfig config;

    public AlertResource(SpikeDetector detector, AlertsConfig config) {
        this.detector = detector;
        this.config = config;
    }

    @GET
    @Path("/spikes")
    @RolesAllowed({"agent", "lead", "admin"})
    @Operation(summary = "Each listening rule's last window against its trailing baseline",
            description = "Mentions and negative share of the last window (earshot.alerts.spike.window) against "
                    + "the windows before it, the volume threshold, and the reasons it would alert now (empty "
                    + "when it would not), in rule order, cursor-paginated. Rules without mentions in the window or "
                    + "baseline are left out. An unknown query parameter is a 400.")
    @Parameter(name = "rule", in = ParameterIn.QUERY, description = "Only these listening rules, repeated or "
            + "comma-separated", example = "acme-brand", schema = @Schema(type = SchemaType.ARRAY,
                    implementation = String.class))
    @APIResponse(responseCode = "200", description = "One page of rules, by name")
    public Uni<SpikeReport> spikes(@BeanParam PageQuery listing) {
        ListParameters query = listing.check(PARAMETERS, List.of("rule"));
        List<String> rules = query.values("rule");
        for (String rule : rules) {
            if (rule.length() > MAX_RULE_LENGTH) {
                throw new InvalidRequestException("rule must be at most " + MAX_RULE_LENGTH + " characters");
            }
        }
        String after = Paging.afterText(query.cursor());
        int limit = query.limit();
        var now = detector.now();
        return detector.measure(now, rules, after, limit + 1).map(found -> {
            Page<RuleWindow> page = Paging.page(found, limit, w -> w, last -> Paging.textCursor(last.rule()));
            return new SpikeReport(now, config.spike().window().toSeconds(), config.spike().baselineWindows(),
                    page.items(), page.nextCursor());
        });
    }
}
