package dev.earshot.listener.source.rss;

import java.net.URI;

import dev.earshot.listener.source.http.LinkHeader;

/**
 * Google Alerts feeds link every entry through a redirect,
 * {@code https://www.google.com/url?rct=j&sa=t&url=<real>&ct=ga&...}; the real URL is what a mention points to.
 */
final class GoogleAlerts {

    private GoogleAlerts() {
    }

    /** The target of a Google redirect link, or the link itself when it is none. */
    static String unwrap(String link) {
        if (link == null) {
            return null;
        }
        try {
            URI uri = URI.create(link.strip());
            String host = uri.getHost();
            if (host != null && (host.equals("google.com") || host.startsWith("www.google.") || host.startsWith("google."))
                    && "/url".equals(uri.getPath())) {
                String target = LinkHeader.queryParam(link.strip(), "url");
                if (target == null) {
                    target = LinkHeader.queryParam(link.strip(), "q");
                }
                if (target != null && (target.startsWith("https://") || target.startsWith("http://"))) {
                    return target;
                }
            }
        } catch (IllegalArgumentException notAUri) {
            return link;
        }
        return link;
    }
}
