package dev.earshot.response.webhook.delivery;

import static dev.earshot.response.webhook.delivery.DeliveryEvents.spike;
import static dev.earshot.response.webhook.delivery.DeliveryEvents.task;
import static dev.earshot.response.webhook.delivery.DeliveryEvents.taskEvent;
import static dev.earshot.response.webhook.delivery.DeliveryEvents.urgentTask;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.earshot.response.webhook.WebhookEvent;
import dev.earshot.response.webhook.WebhookEventType;
import dev.earshot.response.webhook.delivery.SubscriptionMatcher.Filter;

class SubscriptionMatcherTest {

    static Filter events(String... types) {
        return new Filter(List.of(types), null, List.of(), List.of(), List.of(), List.of());
    }

    @ParameterizedTest
    @EnumSource(WebhookEventType.class)
    void eachEventTypeIsMatchedOnlyWhenSubscribed(WebhookEventType type) {
        WebhookEvent event = type == WebhookEventType.VOLUME_SPIKE ? spike("brand") : urgentTask(type);
        assertTrue(SubscriptionMatcher.matches(events(type.id()), event));
        assertTrue(SubscriptionMatcher.matches(new Filter(WebhookEventType.ids(), null, List.of(), List.of(),
                List.of(), List.of()), event));
        List<String> others = WebhookEventType.ids().stream().filter(id -> !id.equals(type.id())).toList();
        assertFalse(SubscriptionMatcher.matches(new Filter(others, null, List.of(), List.of(), List.of(), List.of()),
                event));
        assertFalse(SubscriptionMatcher.matches(events(), event));
    }

    @Test
    void minimumTierLetsTheSameOrMoreUrgentTiersThrough() {
        Filter p2 = new Filter(List.of("task.created"), "P2", List.of(), List.of(), List.of(), List.of());
        for (String tier : List.of("P1", "P2")) {
            assertTrue(SubscriptionMatcher.matches(p2, taskEvent(WebhookEventType.TASK_CREATED,
                    task(tier, "support", "reddit", List.of(), List.of(), true))), tier);
        }
        for (String tier : List.of("P3", "P4")) {
            assertFalse(SubscriptionMatcher.matches(p2, taskEvent(WebhookEventType.TASK_CREATED,
                    task(tier, "support", "reddit", List.of(), List.of(), true))), tier);
        }
    }

    @Test
    void eachNonEmptyFilterMustShareAValueWithTheTask() {
        WebhookEvent event = taskEvent(WebhookEventType.TASK_ESCALATED,
                task("P2", "legal", "mastodon", List.of("legal-threat", "churn-risk"), List.of("brand", "ceo"), true));
        assertTrue(SubscriptionMatcher.matches(new Filter(List.of("task.escalated"), "P4", List.of("legal", "sales"),
                List.of("churn-risk"), List.of("mastodon"), List.of("ceo")), event));
        Filter wrongTeam = new Filter(List.of("task.escalated"), null, List.of("support"), List.of(), List.of(), List.of());
        Filter wrongIntent = new Filter(List.of("task.escalated"), null, List.of(), List.of("praise"), List.of(), List.of());
        Filter wrongSource = new Filter(List.of("task.escalated"), null, List.of(), List.of(), List.of("reddit"), List.of());
        Filter wrongRule = new Filter(List.of("task.escalated"), null, List.of(), List.of(), List.of(), List.of("rival"));
        for (Filter filter : List.of(wrongTeam, wrongIntent, wrongSource, wrongRule)) {
            assertFalse(SubscriptionMatcher.matches(filter, event), filter.toString());
        }
    }

    @Test
    void newAndEscalatedTasksThatNeedNoReplyAreSkippedButOtherEventsAreNot() {
        WebhookEvent.TaskSnapshot quiet = task("P1", "support", "reddit", List.of(), List.of(), false);
        Filter all = new Filter(WebhookEventType.ids(), null, List.of(), List.of(), List.of(), List.of());
        assertFalse(SubscriptionMatcher.matches(all, taskEvent(WebhookEventType.TASK_CREATED, quiet)));
        assertFalse(SubscriptionMatcher.matches(all, taskEvent(WebhookEventType.TASK_ESCALATED, quiet)));
        assertTrue(SubscriptionMatcher.matches(all, taskEvent(WebhookEventType.TASK_RESOLVED, quiet)));
        assertTrue(SubscriptionMatcher.matches(all, taskEvent(WebhookEventType.SLA_BREACHED, quiet)));
    }

    @Test
    void spikesAreFilteredByRuleOnly() {
        Filter taskFilters = new Filter(List.of("volume.spike"), "P1", List.of("legal"), List.of("outage"),
                List.of("reddit"), List.of());
        assertTrue(SubscriptionMatcher.matches(taskFilters, spike("brand")));
        Filter rules = new Filter(List.of("volume.spike"), null, List.of(), List.of(), List.of(), List.of("brand"));
        assertTrue(SubscriptionMatcher.matches(rules, spike("brand")));
        assertFalse(SubscriptionMatcher.matches(rules, spike("rival")));
    }
}
