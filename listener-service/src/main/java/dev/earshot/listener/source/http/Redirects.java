package dev.earshot.listener.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The pure part of following a feed's redirects by hand ({@link SourceHttpClient}): which statuses redirect,
 * where a {@code Location} leads, and whether that is still the configured URL's host.
 */
final class Redirects {

    /** Redirects followed in a row; one more fails the call. */
    static final int MAX = 3;

    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /**
     * The absolute URL {@code location} points to, resolved against {@code current} (the URL that answered) as
     * RFC 3986 says, without a fragment (it is never sent).
     *
     * @throws IllegalArgumentException when {@code location} is no URI reference, or the result is an http(s) URL
     *         without a host
     */
    static URI resolve(URI current, String location) {
        URI reference;
        try {
            reference = new URI(location.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("an invalid Location", e);
        }
        URI base = current;
        if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
            // java.net.URI would glue a relative path to the authority: http://host + a = http://hosta
            base = URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/"
                    + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
        }
        URI resolved;
        if (reference.getScheme() == null && reference.getRawAuthority() == null
                && (reference.getRawPath() == null || reference.getRawPath().isEmpty())
                && reference.getRawQuery() != null) {
            // "?page=2": the current path with the new query (java.net.URI follows RFC 2396 and drops the last segment)
            resolved = URI.create(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
                    + "?" + reference.getRawQuery());
        } else {
            resolved = base.resolve(reference);
        }
        String text = resolved.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            resolved = URI.create(text.substring(0, fragment));
        }
        if (!resolved.isAbsolute() || httpOrHttps(resolved) && host(resolved) == null) {
            throw new IllegalArgumentException("a Location without a host");
        }
        return resolved;
    }

    /** The host of {@code uri} as compared: lower case, without IPv6 brackets or a final dot; null when none. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Whether {@code target} is on the host of the configured URL (any port or scheme). */
    static boolean sameHost(URI configured, URI target) {
        String host = host(configured);
        return host != null && host.equals(host(target));
    }

    /** Whether the listener may request {@code uri} at all: http or https. */
    static boolean httpOrHttps(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }
}
