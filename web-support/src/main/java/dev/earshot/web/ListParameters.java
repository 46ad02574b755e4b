package dev.earshot.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * The query parameters of a listing, read the same way by every list endpoint of the three services: an unknown
 * parameter is a 400 naming the known ones; a list parameter takes several values repeated ({@code tier=P1&tier=P2})
 * or comma-separated ({@code tier=P1,P2}), the same; any other parameter given twice is a 400; {@code limit} is
 * 1..{@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent.
 */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** For OpenAPI descriptions of {@code limit}. */
    public static final String LIMIT_DESCRIPTION = "Page size, 1..200 (default 50)";
    /** For OpenAPI descriptions of {@code cursor}. */
    public static final String CURSOR_DESCRIPTION = "nextCursor of the previous page";

    private final MultivaluedMap<String, String> query;

    private ListParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /**
     * Checks the request's query against the parameters this endpoint knows; {@code lists} are those that take
     * several values. {@code limit} and {@code cursor} must be among {@code known} where the endpoint pages.
     */
    public static ListParameters check(UriInfo uri, Collection<String> known, Collection<String> lists) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new InvalidRequestException("unknown query parameter " + e.getKey()
                        + (known.isEmpty() ? "; this listing takes none" : "; known are " + String.join(", ", known)));
            }
            if (e.getValue().size() > 1 && !lists.contains(e.getKey())) {
                throw new InvalidRequestException(e.getKey() + " takes one value");
            }
        }
        return new ListParameters(query);
    }

    /** For a listing without list parameters. */
    public static ListParameters check(UriInfo uri, String... known) {
        return check(uri, List.of(known), List.of());
    }

    /** The one value of a parameter, null when absent or empty. */
    public String value(String name) {
        String value = query.getFirst(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The values of a list parameter, repeated or comma-separated, trimmed, in order, without blanks or repeats. */
    public List<String> values(String name) {
        List<String> given = query.get(name);
        if (given == null) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String one : given) {
            for (String part : one.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return List.copyOf(values);
    }

    /** The values of a list parameter, each of which must be one of {@code allowed} (compared as given). */
    public List<String> values(String name, Collection<String> allowed) {
        List<String> values = values(name);
        List<String> unknown = new ArrayList<>();
        for (String v : values) {
            if (!allowed.contains(v)) {
                unknown.add(v);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(name + " " + String.join(", ", unknown) + " is not one of "
                    + String.join(", ", allowed));
        }
        return values;
    }

    /** {@code limit}: 1..{@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public int limit() {
        return limit(value("limit"));
    }

    public String cursor() {
        return value("cursor");
    }

    /** A page size parameter: 1..{@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent or empty. */
    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
