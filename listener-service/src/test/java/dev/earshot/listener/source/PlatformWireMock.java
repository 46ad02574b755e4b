package dev.earshot.listener.source;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server standing in for every platform the connectors read (Mastodon instances, Reddit,
 * Bluesky, RSS feeds), each under its own path prefix, so that all connector tests share one Quarkus
 * start. The connectors are switched on here and only here: other test classes run with them off.
 */
public class PlatformWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String MASTODON = "mastodon.example";
    public static final String MASTODON_RESTRICTED = "restricted.example";
    public static final String MASTODON_PREFIX = "/mastodon-example";
    public static final String RESTRICTED_PREFIX = "/restricted-example";
    public static final String MASTODON_TOKEN = "mastodon-test-token";
    public static final String RSS_BLOG_PATH = "/rss/blog/atom.xml";
    public static final String RSS_NEWS_PATH = "/rss/news/rss.xml";
    public static final String RSS_ALERTS_PATH = "/rss/alerts/feeds/07412345678901234567/4812345678901234567";
    public static final String BLUESKY_PREFIX = "/bsky";
    public static final String BLUESKY_IDENTIFIER = "earshot-test.bsky.social";
    public static final String BLUESKY_APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    public static final String REDDIT_AUTH_PREFIX = "/reddit-www";
    public static final String REDDIT_API_PREFIX = "/reddit-oauth";
    public static final String REDDIT_CLIENT_ID = "p-jcoLKBynTLew";
    public static final String REDDIT_CLIENT_SECRET = "gko_LXELoV07ZBNUXrvWZfzE3aI";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
        server.start();
        String base = server.baseUrl();
        return Map.ofEntries(
                Map.entry("earshot.listener.rules.acme.query", "acme"),
                // polled only on demand (POST /api/v1/sources/{source}/poll), never by the schedule, during tests
                Map.entry("earshot.listener.mastodon.poll-interval", "0s"),
                Map.entry("earshot.listener.reddit.poll-interval", "0s"),
                Map.entry("earshot.listener.rss.poll-interval", "0s"),
                Map.entry("earshot.listener.bluesky.poll-interval", "0s"),
                Map.entry("earshot.listener.bluesky.identifier", BLUESKY_IDENTIFIER),
                Map.entry("earshot.listener.bluesky.app-password", BLUESKY_APP_PASSWORD),
                Map.entry("earshot.listener.bluesky.service-url", base + BLUESKY_PREFIX),
                Map.entry("earshot.listener.bluesky.limit", "2"),
                Map.entry("earshot.listener.bluesky.max-pages", "3"),
                Map.entry("earshot.listener.bluesky.timeout", "5s"),
                Map.entry("earshot.listener.rss.feeds.acme-blog.url", base + RSS_BLOG_PATH),
                Map.entry("earshot.listener.rss.feeds.acme-news.url", base + RSS_NEWS_PATH),
                Map.entry("earshot.listener.rss.urls", base + RSS_ALERTS_PATH),
                // the feeds are on localhost: 127.0.0.1 is another host, which a redirect may reach only because
                // it is allow-listed here (RssSourceTest); [::1] and every other private address stay refused
                Map.entry("earshot.sources.allowed-redirect-hosts", "127.0.0.1"),
                // the payloads carry fixed dates: a first read takes them all
                Map.entry("earshot.listener.rss.initial-lookback", "36500d"),
                Map.entry("earshot.listener.rss.timeout", "5s"),
                Map.entry("earshot.listener.mastodon.instances", MASTODON + "," + MASTODON_RESTRICTED),
                Map.entry("earshot.listener.mastodon.base-urls",
                        MASTODON + "=" + base + MASTODON_PREFIX + "," + MASTODON_RESTRICTED + "=" + base + RESTRICTED_PREFIX),
                Map.entry("earshot.listener.mastodon.access-tokens", MASTODON + "=" + MASTODON_TOKEN),
                Map.entry("earshot.listener.mastodon.public-timeline", "true"),
                Map.entry("earshot.listener.mastodon.empty-public-timeline-is-restricted", "true"),
                Map.entry("earshot.listener.mastodon.limit", "3"),
                Map.entry("earshot.listener.mastodon.max-pages", "3"),
                Map.entry("earshot.listener.mastodon.timeout", "5s"),
                Map.entry("earshot.listener.mastodon.max-body-bytes", "65536"),
                Map.entry("earshot.listener.reddit.client-id", REDDIT_CLIENT_ID),
                Map.entry("earshot.listener.reddit.client-secret", REDDIT_CLIENT_SECRET),
                Map.entry("earshot.listener.reddit.username", "earshot_test"),
                Map.entry("earshot.listener.reddit.auth-url", base + REDDIT_AUTH_PREFIX),
                Map.entry("earshot.listener.reddit.api-url", base + REDDIT_API_PREFIX),
                Map.entry("earshot.listener.reddit.subreddits", "acme,r/AcmeCloud"),
                Map.entry("earshot.listener.reddit.limit", "2"),
                Map.entry("earshot.listener.reddit.max-pages", "3"),
                Map.entry("earshot.listener.reddit.timeout", "5s"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectPlatforms.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
