package dev.earshot.response.alert;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of GET /api/v1/alerts/spikes: each rule's last window against its baseline, at {@code at}. */
@RegisterForReflection
public record SpikeReport(Instant at, long windowSeconds, int baselineWindows, List<RuleWindow> rules) {
}
