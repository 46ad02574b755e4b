package dev.earshot.listener.source.rss;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** RSS and Atom feeds under {@code earshot.listener.rss}; off while no feed is configured. */
@ConfigMapping(prefix = "earshot.listener.rss")
public interface RssConfig {

    /** Feeds by id, e.g. {@code earshot.listener.rss.feeds.acme-blog.url=https://acme.example/feed.xml}. */
    Map<String, FeedConfig> feeds();

    /** More feed URLs as a comma-separated list (one environment variable); their ids derive from the URL. */
    Optional<List<String>> urls();

    /** How often each feed is read. Default 5m. */
    @WithDefault("5m")
    Duration pollInterval();

    /** How far back the first read of a feed goes (older entries are skipped). Default 1d. */
    @WithDefault("1d")
    Duration initialLookback();

    /**
     * How far before the newest entry of the previous read an entry is still read: an entry can appear in a feed
     * after a newer one (a post scheduled or backdated, a CMS that publishes with the draft's date, a multi-author
     * feed). Entries already published are dropped by the seen-set ({@code earshot.listener.seen-ttl}, 14 days), so
     * this window must stay well inside it. Default 3d.
     */
    @WithDefault("3d")
    Duration lateEntryWindow();

    /** Timeout of one HTTP exchange. Default 15s. */
    @WithDefault("15s")
    Duration timeout();

    /** Largest feed document accepted. Default 5 MiB. */
    @WithDefault("5242880")
    long maxBodyBytes();

    /** Back-off used when a 429 or 503 says nothing about when to retry. Default 10m. */
    @WithDefault("10m")
    Duration defaultBackoff();

    /** One feed. */
    interface FeedConfig {
        /** The feed's URL (RSS 0.9x/1.0/2.0 or Atom 0.3/1.0; Google Alerts feeds included). */
        String url();
    }
}
