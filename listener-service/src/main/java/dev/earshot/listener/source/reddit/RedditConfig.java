package dev.earshot.listener.source.reddit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reddit connector settings under {@code earshot.listener.reddit}; off unless client id and secret are set. */
@ConfigMapping(prefix = "earshot.listener.reddit")
public interface RedditConfig {

    /** The OAuth client id of a Reddit "script" or "web" app (app-only grant). */
    Optional<String> clientId();

    /** The app's client secret. */
    Optional<String> clientSecret();

    /** The Reddit account that runs the app, named in the User-Agent Reddit requires. */
    Optional<String> username();

    /** The app id in the User-Agent ({@code <platform>:<app id>:<version> (by /u/<username>)}). */
    @WithDefault("dev.earshot.listener")
    String appId();

    /** The app version in the User-Agent. */
    @WithDefault("0.1.0")
    String appVersion();

    /** Where tokens are issued. Default {@code https://www.reddit.com}. */
    @WithDefault("https://www.reddit.com")
    String authUrl();

    /** The OAuth API. Default {@code https://oauth.reddit.com}. */
    @WithDefault("https://oauth.reddit.com")
    String apiUrl();

    /** Subreddits (without {@code r/}) whose new posts, and comments if {@link #comments()}, are read. */
    Optional<List<String>> subreddits();

    /** Search all of Reddit for each rule's search terms ({@code /search}, newest first). Default true. */
    @WithDefault("true")
    boolean search();

    /** Also read the newest comments of the configured subreddits. Default true. */
    @WithDefault("true")
    boolean comments();

    /** How often each feed is polled. Default 60s. */
    @WithDefault("60s")
    Duration pollInterval();

    /** Items per page (Reddit allows at most 100). Default 100. */
    @WithDefault("100")
    int limit();

    /** Pages read per feed and poll while catching up; beyond it the gap is logged and skipped. Default 10. */
    @WithDefault("10")
    int maxPages();

    /** Timeout of one HTTP exchange. Default 10s. */
    @WithDefault("10s")
    Duration timeout();

    /** Largest body accepted. Default 8 MiB. */
    @WithDefault("8388608")
    long maxBodyBytes();

    /** Back-off used when a 429 says nothing about when to retry. Default 60s. */
    @WithDefault("60s")
    Duration defaultBackoff();
}
