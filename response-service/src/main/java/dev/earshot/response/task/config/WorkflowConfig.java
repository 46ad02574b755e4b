package dev.earshot.response.task.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The response workflow: reopening, snoozing, viewers and request safety nets. */
@ConfigMapping(prefix = "earshot.workflow")
public interface WorkflowConfig {

    /** A negative post in a resolved conversation reopens its task. Default true. */
    @WithDefault("true")
    boolean reopenOnNegative();

    /** Longest snooze. Default 30 days. */
    @WithDefault("P30D")
    Duration maxSnooze();

    /** How often snoozed tasks whose time has come are woken, expired viewers and idempotency keys removed. */
    @WithDefault("10s")
    String housekeepingInterval();

    /** How long one "viewing" heartbeat shows a viewer on a task. Default 30 seconds. */
    @WithDefault("PT30S")
    Duration viewingTtl();

    /** How long an Idempotency-Key and its stored answer are kept. Default 24 hours. */
    @WithDefault("PT24H")
    Duration idempotencyTtl();

    /** When true, updates without If-Match are refused with 428; else If-Match is checked when sent. */
    @WithDefault("false")
    boolean requireIfMatch();
}
