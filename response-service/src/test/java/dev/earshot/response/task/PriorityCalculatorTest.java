package dev.earshot.response.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class PriorityCalculatorTest {

    private final PriorityCalculator calculator = new PriorityCalculator(defaults());

    static PriorityConfig defaults() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PriorityConfig.class).build();
        return config.getConfigMapping(PriorityConfig.class);
    }

    @Test
    void calmPositivePostIsP4WithoutReasons() {
        Priority p = calculator.compute(new PriorityInput(0.0, List.of(), 0.9, "positive", null, null, 1));
        assertEquals(0.0, p.score());
        assertEquals(Tier.P4, p.tier());
        assertEquals(List.of(), p.reasons());
    }

    @Test
    void everyFactorAtItsMaximumGivesOneHundred() {
        Priority p = calculator.compute(new PriorityInput(1.0, List.of("mentions an outage"), -1.0, "negative",
                100_000L, null, 10));
        assertEquals(100.0, p.score());
        assertEquals(Tier.P1, p.tier());
        assertEquals(List.of("mentions an outage", "strongly negative", "author reach 100k followers",
                "10 posts in the conversation"), p.reasons());
    }

    @Test
    void scoreIsTheWeightedSumOfTheFactors() {
        // urgency 0.74 * 55 = 40.7, negativity 0.82 * 20 = 16.4, no reach, one post
        Priority p = calculator.compute(new PriorityInput(0.74, List.of("mentions an outage", "strongly negative"),
                -0.82, "negative", null, null, 1));
        assertEquals(57.1, p.score());
        assertEquals(Tier.P2, p.tier());
        // "strongly negative" from the urgency reasons is not repeated
        assertEquals(List.of("mentions an outage", "strongly negative"), p.reasons());
    }

    @Test
    void reachIsLogarithmicInFollowersAndExplained() {
        Priority small = calculator.compute(new PriorityInput(0.0, null, 0.0, "neutral", 100L, null, 1));
        Priority large = calculator.compute(new PriorityInput(0.0, null, 0.0, "neutral", 12_345L, null, 1));
        assertTrue(large.score() > small.score());
        // log(1 + 12345) / log(1 + 100000) * 15 = 12.3
        assertEquals(12.3, large.score());
        assertEquals(List.of("author reach 12k followers"), large.reasons());
        assertEquals(List.of(), small.reasons());
    }

    @Test
    void engagementCountsWhenFollowersAreUnknown() {
        Priority p = calculator.compute(new PriorityInput(0.0, null, 0.0, "neutral", null, 1_000L, 1));
        assertEquals(15.0, p.score());
        assertEquals(List.of("high engagement (1k likes, replies and shares)"), p.reasons());
    }

    @Test
    void conversationSizeRaisesTheScore() {
        Priority one = calculator.compute(new PriorityInput(0.5, null, -0.3, "negative", null, null, 1));
        Priority five = calculator.compute(new PriorityInput(0.5, null, -0.3, "negative", null, null, 5));
        assertTrue(five.score() > one.score());
        assertEquals(List.of("negative", "5 posts in the conversation"), five.reasons());
    }

    @Test
    void labelAloneCountsHalfWhenTheScoreIsMissing() {
        Priority p = calculator.compute(new PriorityInput(null, null, null, "negative", null, null, 1));
        assertEquals(10.0, p.score());
    }

    @Test
    void tiersAndSlasFollowTheConfiguredThresholds() {
        assertEquals(Tier.P1, calculator.tierOf(60));
        assertEquals(Tier.P2, calculator.tierOf(59.9));
        assertEquals(Tier.P2, calculator.tierOf(40));
        assertEquals(Tier.P3, calculator.tierOf(20));
        assertEquals(Tier.P4, calculator.tierOf(19.9));
        assertEquals(Duration.ofHours(1), calculator.sla(Tier.P1));
        assertEquals(Duration.ofHours(4), calculator.sla(Tier.P2));
        assertEquals(Duration.ofHours(24), calculator.sla(Tier.P3));
        assertEquals(Duration.ofHours(72), calculator.sla(Tier.P4));
    }

    @Test
    void compactNumbers() {
        assertEquals("950", PriorityCalculator.compact(950));
        assertEquals("12k", PriorityCalculator.compact(12_345));
        assertEquals("1.2M", PriorityCalculator.compact(1_234_567));
        assertEquals("3M", PriorityCalculator.compact(3_000_000));
    }
}
