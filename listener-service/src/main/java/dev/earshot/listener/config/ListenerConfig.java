package dev.earshot.listener.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the listener under {@code earshot.listener}. */
@ConfigMapping(prefix = "earshot.listener")
public interface ListenerConfig {

    /** Hacker News (Algolia search API) polling. */
    HackerNews hackernews();

    /**
     * Listening rules by id, e.g. {@code earshot.listener.rules.quarkus.keyword=quarkus}. The id is what
     * {@code matchedRules} of a mention carries.
     */
    Map<String, RuleConfig> rules();

    /** How long a post id stays in the seen set (dedup window). Default 14 days. */
    @WithDefault("14d")
    Duration seenTtl();

    /**
     * How long a post claimed for publishing stays reserved before its publish is confirmed. A process that
     * dies in between leaves the claim to expire, after which the post is published again (never lost).
     * Default 60s.
     */
    @WithDefault("60s")
    Duration claimTimeout();

    /** Cap of the dead-letter Redis stream (approximate, {@code MAXLEN ~}). Default 10000. */
    @WithDefault("10000")
    long deadLetterMaxLength();

    /** How often each replica re-reads the API-managed rules from Redis. Default 5s. */
    @WithDefault("5s")
    Duration rulesRefresh();

    /** Near-duplicate detection (fingerprints of the normalised text). */
    NearDuplicates nearDuplicates();

    /** The generic poller of every {@code PollingSource}. */
    Poller poller();

    /** Push ingestion ({@code POST /api/v1/ingest}). */
    Ingest ingest();

    /**
     * This replica's id in the feed leases and the heartbeat set; unique per running replica. Default: the
     * host name (the pod name in Kubernetes) and a random suffix.
     */
    Optional<String> replicaId();

    /** How replicas share the feeds (see {@code FeedLeases}). */
    Leases leases();

    /** Lease settings. */
    interface Leases {
        /**
         * How long a feed lease and a replica's heartbeat last without renewal: after a crash, its feeds move
         * to the other replicas within this plus {@code renew-every}. Default 15s.
         */
        @WithDefault("15s")
        Duration ttl();

        /** How often a replica heartbeats, renews its leases and rebalances; well below {@code ttl}. Default 5s. */
        @WithDefault("5s")
        String renewEvery();
    }

    /**
     * One rule: {@code query} in the rule language (see {@code Rule}), or the older {@code keyword}, which
     * is matched as one whole word or phrase.
     */
    interface RuleConfig {
        /** The query, e.g. {@code acme AND (outage OR down) -test}. */
        Optional<String> query();

        /** A single keyword or phrase (before queries existed); used when {@code query} is absent. */
        Optional<String> keyword();

        /** ISO 639-1 language codes; absent = any language. */
        Optional<List<String>> languages();

        /** Source names; absent = every source. */
        Optional<List<String>> sources();
    }

    /** Near-duplicate settings. */
    interface NearDuplicates {
        /** How long the first copy's fingerprint is remembered. Default 24h. */
        @WithDefault("24h")
        Duration window();

        /** Texts with fewer words are not fingerprinted (too short to tell a copy from a coincidence). Default 5. */
        @WithDefault("5")
        int minWords();
    }

    /** Generic poller settings. */
    interface Poller {
        /** Upper bound of pages read per feed and poll; the rest follows in the next poll. Default 10. */
        @WithDefault("10")
        int maxPagesPerPoll();

        /** Fraction of a source's poll interval by which each feed's start is spread (0..1). Default 0.5. */
        @WithDefault("0.5")
        double spread();

        /** First back-off after an upstream error, timeout or invalid page; doubled per consecutive failure. Default 30s. */
        @WithDefault("30s")
        Duration backoffBase();

        /** Longest exponential back-off. Default 15m. */
        @WithDefault("15m")
        Duration backoffMax();

        /** Consecutive failures of one source instance that open its circuit. Default 5. */
        @WithDefault("5")
        int circuitFailureThreshold();

        /** How long an open circuit stays open before one trial poll. Default 15m. */
        @WithDefault("15m")
        Duration circuitOpenFor();

        /** Back-off after 429 without a usable Retry-After. Default 60s. */
        @WithDefault("60s")
        Duration rateLimitBackoff();

        /** Back-off after 401/403, a restricted feed or a refused redirect. Default 1h. */
        @WithDefault("1h")
        Duration accessDeniedBackoff();

        /** Longest time one page fetch may take before it counts as a timeout. Default 30s. */
        @WithDefault("30s")
        Duration fetchTimeout();

        /** How often the scheduler looks for feeds that are due. Default 1s. */
        @WithDefault("1s")
        String tick();
    }

    /** Push ingestion settings. */
    interface Ingest {
        /** Most posts accepted in one request. Default 500. */
        @WithDefault("500")
        int maxItems();

        /** Largest request body in bytes; larger ones are answered 413. Default 2 MiB. */
        @WithDefault("2097152")
        long maxBodyBytes();

        /** Longest text of a pushed post in characters; longer ones are rejected. Default 40000. */
        @WithDefault("40000")
        int maxTextLength();

        /**
         * How long a push waits for Redis and the broker before it answers 503 with Retry-After (the client sends
         * the posts again; nothing it was told is published is lost). Default 8s.
         */
        @WithDefault("8s")
        Duration timeout();

        /**
         * Most distinct source names of pushed posts (and other sources that are not configured feeds) that get
         * their own metric tags and status in {@code GET /api/v1/sources}; posts of further sources are counted
         * as source {@code other}, instance {@code other}. Default 50.
         */
        @WithDefault("50")
        int maxSources();

        /**
         * Most distinct instances per such source with their own metric tags and status; further instances of
         * the source are counted as instance {@code other}. Configured feeds never count. Default 100.
         */
        @WithDefault("100")
        int maxInstancesPerSource();
    }

    /** Hacker News settings. */
    interface HackerNews {
        /** Base URL of the Algolia HN search API. Default {@code https://hn.algolia.com}. */
        @WithDefault("https://hn.algolia.com")
        String baseUrl();

        /**
         * Interval between scheduled polls (Quarkus scheduler {@code every} syntax, {@code off} disables).
         * Default 60s.
         */
        @WithDefault("60s")
        String pollInterval();

        /** How far before the cursor each query starts, because the search index lags. Default 120s. */
        @WithDefault("120s")
        Duration overlap();

        /** How far back the first poll of a rule (no cursor yet) looks. Default 1h. */
        @WithDefault("1h")
        Duration initialLookback();

        /**
         * Algolia's pagination limit: a query serves at most this many hits (page * hitsPerPage). When a poll
         * needs more, the time window is narrowed and paging restarts. Default 1000.
         */
        @WithDefault("1000")
        int maxHitsPerQuery();

        /** Hits per page requested. Default 100. */
        @WithDefault("100")
        int hitsPerPage();

        /** Timeout of one HTTP exchange (connect, send, read the body). Default 10s. */
        @WithDefault("10s")
        Duration timeout();

        /** Largest answer accepted; a larger one fails the poll as an invalid page. Default 4 MiB. */
        @WithDefault("4194304")
        long maxBodyBytes();

        /** Whether Hacker News is polled. Default true. */
        @WithDefault("true")
        boolean enabled();
    }
}
