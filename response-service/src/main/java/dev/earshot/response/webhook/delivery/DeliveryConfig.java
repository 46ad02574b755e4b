package dev.earshot.response.webhook.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook events: task links in messages, retention, and delivery: the dispatcher's pace, retries, timeouts and the outgoing address guard. */
@ConfigMapping(prefix = "earshot.webhooks")
public interface DeliveryConfig {

    /**
     * Host names, IP addresses and CIDR ranges exempt from the private-address check (e.g. a chat server on
     * the company network). Empty by default: only public addresses are called.
     */
    Optional<List<String>> allowedHosts();

    /** Connect timeout, and the longest wait for the next bytes of an answer. Default 10 seconds. */
    @WithDefault("10s")
    Duration timeout();

    /** How often the dispatcher fans out new events and sends due deliveries. Default 1s. */
    @WithDefault("1s")
    String dispatchInterval();

    /** Requests in flight at once per dispatcher run. Default 8. */
    @WithDefault("8")
    int maxInFlight();

    /** The first retry waits up to this long (full jitter); every further retry doubles it. Default 10s. */
    @WithDefault("10s")
    Duration backoffBase();

    /** The longest wait before a retry, also for a receiver's Retry-After. Default 1 hour. */
    @WithDefault("1h")
    Duration backoffMax();

    /** Attempts before a delivery is given up as failed. Default 8. */
    @WithDefault("8")
    int maxAttempts();

    /** Link to a task in the Earshot UI for chat messages, {id} replaced by the task id; unset: no link. */
    Optional<String> taskUrl();

    /** How long delivered or failed events and their delivery log are kept. Default 30 days. */
    @WithDefault("P30D")
    Duration retention();
}
