package dev.earshot.listener.source.http;

import java.util.List;

import io.vertx.core.MultiMap;

/**
 * A platform's answer, read whole (up to the caller's size limit).
 *
 * @param status the HTTP status
 * @param headers the response headers (case-insensitive)
 * @param bytes the body as received (decompressed)
 */
public record HttpResult(int status, MultiMap headers, byte[] bytes) {

    /** The body decoded as UTF-8; malformed sequences become U+FFFD instead of failing. */
    public String body() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Every value of a header (a header such as {@code Link} may be repeated). */
    public List<String> headers(String name) {
        return headers.getAll(name);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
