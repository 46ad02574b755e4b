package dev.earshot.response.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import dev.earshot.web.InvalidRequestException;
import dev.earshot.web.Page;

/** Keyset pages of the listings: a page is read with one row more than it shows, to know whether more follow. */
public final class Paging {

    private Paging() {
    }

    /**
     * The first {@code limit} of {@code rows} (read with {@code limit + 1}) as views, with the cursor of the last
     * one shown when more follow.
     */
    public static <R, V> Page<V> page(List<R> rows, int limit, Function<R, V> view, Function<R, String> cursorOf) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return Page.of(shown.stream().map(view).toList(), more ? cursorOf.apply(shown.get(limit - 1)) : null);
    }

    /** A cursor that is the id of the last row of the previous page; null when there is none. */
    public static Long afterId(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            long id = Long.parseLong(cursor);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalidCursor();
    }

    /** A cursor that carries a text key (a user id, a rule name): base64url, so it needs no escaping in a URL. */
    public static String textCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a {@link #textCursor}; null when there is none. */
    public static String afterText(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /** The one answer to a cursor no page gave. */
    public static InvalidRequestException invalidCursor() {
        return new InvalidRequestException("cursor is not valid; use the nextCursor of a previous page");
    }
}
