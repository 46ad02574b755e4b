package dev.earshot.response.common;

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

    /**
     * Largest answer body stored for an Idempotency-Key, in bytes; a larger answer keeps only its status and
     * resource id, and a retry gets the resource as it is now. Default 65536.
     */
    @WithDefault("65536")
    int idempotencyMaxAnswerBytes();

    /** Most Idempotency-Keys kept per caller; housekeeping deletes the oldest beyond. Default 5000. */
    @WithDefault("5000")
    int idempotencyMaxKeysPerCaller();

    /** When true, updates without If-Match are refused with 428; else If-Match is checked when sent. */
    @WithDefault("false")
    boolean requireIfMatch();
}
