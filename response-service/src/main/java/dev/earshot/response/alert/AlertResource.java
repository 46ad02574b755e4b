package dev.earshot.response.alert;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.earshot.web.InvalidRequestException;
import io.smallrye.mutiny.Uni;

/** Where each listening rule stands against its spike thresholds, so a brewing storm shows in the UI. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Volume and negative-share spikes per listening rule")
public class AlertResource {

    static final int MAX_RULE_LENGTH = 200;

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
                    + "when it would not). Rules without mentions in the window or baseline are left out.")
    @APIResponse(responseCode = "200", description = "The rules, by name")
    public Uni<SpikeReport> spikes(
            @Parameter(description = "Only this listening rule", example = "acme-brand") @QueryParam("rule") String rule) {
        if (rule != null && (rule.isBlank() || rule.length() > MAX_RULE_LENGTH)) {
            throw new InvalidRequestException("rule must be 1 to " + MAX_RULE_LENGTH + " characters");
        }
        var now = detector.now();
        return detector.measure(now, rule).map(rules -> new SpikeReport(now, config.spike().window().toSeconds(),
                config.spike().baselineWindows(), rules));
    }
}
