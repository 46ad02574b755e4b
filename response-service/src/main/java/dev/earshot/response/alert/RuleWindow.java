package dev.earshot.response.alert;

import java.time.Instant;
import java.util.List;

import dev.earshot.response.webhook.WebhookEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One listening rule's last window against its trailing baseline, as measured by {@link SpikeDetector}.
 * {@code reasons} is empty unless the rule spikes now ("volume", "negative share"); a rule without
 * {@code history} (not heard of before the baseline began) never spikes.
 */
@RegisterForReflection
public record RuleWindow(
        String rule,
        Instant windowStart,
        Instant windowEnd,
        long mentions,
        long negativeMentions,
        double negativeShare,
        double baselineMean,
        double baselineStdDev,
        double threshold,
        double baselineNegativeShare,
        boolean history,
        List<String> reasons) {

    WebhookEvent.SpikeSnapshot snapshot(List<WebhookEvent.SpikeExample> examples) {
        return new WebhookEvent.SpikeSnapshot(rule, windowStart, windowEnd, mentions, negativeMentions, negativeShare,
                baselineMean, baselineStdDev, threshold, baselineNegativeShare, reasons, examples);
    }
}
