package dev.earshot.listener.source.bluesky;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bluesky settings under {@code earshot.listener.bluesky}: search (needs an app password) and the Jetstream stream. */
@ConfigMapping(prefix = "earshot.listener.bluesky")
public interface BlueskyConfig {

    /** The account's handle or DID for {@code com.atproto.server.createSession}; search is off without it. */
    Optional<String> identifier();

    /** An app password of that account (Settings, App passwords), never the account password. */
    Optional<String> appPassword();

    /** The PDS (or entryway) that issues the session and proxies the AppView calls. Default {@code https://bsky.social}. */
    @WithDefault("https://bsky.social")
    String serviceUrl();

    /** How often each search feed is polled. Default 60s. */
    @WithDefault("60s")
    Duration pollInterval();

    /** Posts per search page (at most 100). Default 100. */
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

    /** How long an author's follower count is reused. Default 10m. */
    @WithDefault("10m")
    Duration profileCacheTtl();

    /** Authors whose follower counts are remembered. Default 20000. */
    @WithDefault("20000")
    int profileCacheSize();

    /** Back-off used when a 429 says nothing about when to retry. Default 60s. */
    @WithDefault("60s")
    Duration defaultBackoff();

    /** The keyless Jetstream stream of all new posts, matched locally. */
    Jetstream jetstream();

    /** Jetstream consumer settings. */
    interface Jetstream {
        /** Read the stream. Default false (it carries every post of the network: hundreds per second). */
        @WithDefault("false")
        boolean enabled();

        /** The subscribe endpoint. Default {@code wss://jetstream2.us-east.bsky.network/subscribe}. */
        @WithDefault("wss://jetstream2.us-east.bsky.network/subscribe")
        String url();

        /** Posts handed to the pipeline together. Default 200. */
        @WithDefault("200")
        int batchSize();

        /** Longest wait before a partial batch is handed on. Default 1s. */
        @WithDefault("1s")
        Duration batchWait();

        /** How far before the stored cursor a reconnect resumes (the dedup drops the overlap). Default 5s. */
        @WithDefault("5s")
        Duration rewind();

        /** First reconnect delay; doubles per failed attempt up to {@link #reconnectMax()}. Default 1s. */
        @WithDefault("1s")
        Duration reconnectMin();

        /** Longest reconnect delay. Default 60s. */
        @WithDefault("60s")
        Duration reconnectMax();

        /** Largest WebSocket message accepted. Default 1 MiB. */
        @WithDefault("1048576")
        int maxMessageBytes();
    }
}
