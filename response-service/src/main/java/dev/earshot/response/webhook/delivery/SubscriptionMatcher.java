package dev.earshot.response.webhook.delivery;

import java.util.Collection;
import java.util.List;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;

/**
 * Whether a subscription wants an event: its type is among the subscription's events; for task events
 * the tier is at least as urgent as the minimum and each non-empty filter (teams, intents, sources,
 * listening rules) shares a value with the task; for volume spikes only the rules filter applies.
 * New and escalated tasks that need no reply are not announced.
 */
public final class SubscriptionMatcher {

    /** The parts of a subscription that decide what it hears about. */
    public record Filter(List<String> events, String minTier, List<String> teams, List<String> intents,
            List<String> sources, List<String> rules) {
    }

    private SubscriptionMatcher() {
    }

    public static boolean matches(Filter filter, WebhookEvent event) {
        if (filter.events() == null || !filter.events().contains(event.type())) {
            return false;
        }
        if (WebhookEventType.VOLUME_SPIKE.id().equals(event.type())) {
            return event.spike() != null && anyOf(filter.rules(), List.of(event.spike().rule()));
        }
        WebhookEvent.TaskSnapshot task = event.task();
        if (task == null) {
            return false;
        }
        boolean announcement = WebhookEventType.TASK_CREATED.id().equals(event.type())
                || WebhookEventType.TASK_ESCALATED.id().equals(event.type());
        if (announcement && !task.needsReply()) {
            return false;
        }
        return urgentEnough(task.tier(), filter.minTier())
                && anyOf(filter.teams(), task.team() == null ? List.of() : List.of(task.team()))
                && anyOf(filter.intents(), task.intents())
                && anyOf(filter.sources(), task.source() == null ? List.of() : List.of(task.source()))
                && anyOf(filter.rules(), task.matchedRules());
    }

    /** P1 is the most urgent: a task of tier P2 passes a minimum of P3, not of P1. */
    static boolean urgentEnough(String tier, String minTier) {
        if (minTier == null || minTier.isBlank()) {
            return true;
        }
        int rank = rank(tier);
        return rank > 0 && rank <= rank(minTier);
    }

    private static int rank(String tier) {
        if (tier == null || !tier.matches("P[1-4]")) {
            return 0;
        }
        return tier.charAt(1) - '0';
    }

    /** An empty filter lets everything through; otherwise one of the values must be in it. */
    private static boolean anyOf(List<String> filter, Collection<String> values) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (value != null && filter.contains(value)) {
                return true;
            }
        }
        return false;
    }
}
