package dev.earshot.listener.source.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 {@code Link} headers, e.g. {@code <https://h/api?max_id=1>; rel="next", <...>; rel="prev"}. */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {
    }

    /** The target of the first link with relation {@code rel} in any of the header values, or null. */
    public static String target(List<String> headerValues, String rel) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher relation = REL.matcher(link.group(2));
                if (relation.find()) {
                    for (String each : relation.group(1).strip().split("\\s+")) {
                        if (each.equalsIgnoreCase(rel)) {
                            return link.group(1).strip();
                        }
                    }
                }
            }
        }
        return null;
    }

    /** The value of query parameter {@code name} in {@code uri} (URL-decoded), or null. */
    public static String queryParam(String uri, String name) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        if (query < 0) {
            return null;
        }
        int end = uri.indexOf('#', query);
        String params = uri.substring(query + 1, end < 0 ? uri.length() : end);
        for (String pair : params.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
