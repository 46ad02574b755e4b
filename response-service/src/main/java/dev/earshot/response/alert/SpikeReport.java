package dev.earshot.response.alert;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer of GET /api/v1/alerts/spikes: a page of the rules' last windows against their baselines, at {@code at},
 * in rule order; {@code nextCursor} the next page's, null on the last.
 */
@RegisterForReflection
public record SpikeReport(Instant at, long windowSeconds, int baselineWindows, List<RuleWindow> items,
        String nextCursor) {
}
