package dev.earshot.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a listing, the envelope of every list answer of the three services: the items, and the cursor of
 * the next page ({@code ?cursor=...}), null on the last page.
 */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "cursor of the next page; null on the last page") String nextCursor) {

    public static <T> Page<T> of(List<T> items, String nextCursor) {
        return new Page<>(List.copyOf(items), nextCursor);
    }

    public static <T> Page<T> last(List<T> items) {
        return of(items, null);
    }
}
