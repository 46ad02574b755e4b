package dev.earshot.listener.source.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpMethod;

/**
 * One request to a platform.
 *
 * @param method GET or POST
 * @param uri the absolute URI, query included
 * @param headers request headers
 * @param body the request body, or null
 * @param timeout the whole exchange must finish within it (connect, send, read the body)
 * @param maxBodyBytes a longer body fails the call with {@link dev.earshot.listener.source.SourceException.InvalidPage}
 */
public record HttpCall(HttpMethod method, String uri, Map<String, String> headers, String body, Duration timeout,
        long maxBodyBytes) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    public static HttpCall get(String uri, Duration timeout, long maxBodyBytes) {
        return new HttpCall(HttpMethod.GET, uri, Map.of(), null, timeout, maxBodyBytes);
    }

    public static HttpCall post(String uri, String contentType, String body, Duration timeout, long maxBodyBytes) {
        return new HttpCall(HttpMethod.POST, uri, Map.of("Content-Type", contentType), body, timeout, maxBodyBytes);
    }

    /** A query parameter value, percent-encoded (UTF-8). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The same call with one more header (a null value leaves the call unchanged). */
    public HttpCall withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpCall(method, uri, more, body, timeout, maxBodyBytes);
    }
}
