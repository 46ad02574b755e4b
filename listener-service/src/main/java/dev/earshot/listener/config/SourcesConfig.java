package dev.earshot.listener.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** What every connector's HTTP client shares, under {@code earshot.sources}. */
@ConfigMapping(prefix = "earshot.sources")
public interface SourcesConfig {

    /**
     * Host names, IP addresses and CIDR ranges that a feed's redirect may lead to although they are not public
     * (e.g. {@code feeds.intranet,10.20.0.0/16}); env {@code EARSHOT_SOURCES_ALLOWED_REDIRECT_HOSTS}. Default
     * empty: a redirect that leaves the configured URL's host must go to a public address. The configured URL
     * itself, and redirects on its own host, need no entry.
     */
    Optional<List<String>> allowedRedirectHosts();
}
