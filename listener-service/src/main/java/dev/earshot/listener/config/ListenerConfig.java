package dev.earshot.listener.config;

import java.time.Duration;
import java.util.Map;

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

    /** Cap of the dead-letter Redis stream (approximate, {@code MAXLEN ~}). Default 10000. */
    @WithDefault("10000")
    long deadLetterMaxLength();

    /** One rule. */
    interface RuleConfig {
        /** Keyword searched on the platform and matched locally as a whole word, case-insensitive. */
        String keyword();
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

        /** Upper bound of pages fetched per rule and poll (Algolia serves at most 1,000 hits). Default 10. */
        @WithDefault("10")
        int maxPages();

        /** Hits per page requested. Default 100. */
        @WithDefault("100")
        int hitsPerPage();

        /** Back-off used when a 429 carries no usable Retry-After. Default 60s. */
        @WithDefault("60s")
        Duration defaultBackoff();
    }
}
