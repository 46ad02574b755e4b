package dev.earshot.response.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.messaging.SafeText;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one rule for text written to PostgreSQL. PostgreSQL refuses U+0000 in {@code text} (the whole
 * statement fails, and with it its transaction), and text from strangers (posts, webhook receivers'
 * answers, request bodies) may carry it. Every string on its way to the database is cleaned here, by the
 * rule of {@link SafeText} (the listener's too).
 * <p>
 * Two hooks apply it, so no write path can miss it: {@link StoredTextJavaType} for everything Hibernate
 * binds (entity attributes, string arrays, HQL and native query parameters), and {@link #tuple} for the
 * statements run on the reactive SQL client directly (a test checks that no other {@code Tuple} is built).
 * Multi-row statements that read their rows from one JSON parameter ({@code jsonb_to_recordset}) build each
 * row with {@link #row}: inside the JSON, Hibernate's string binding would not see the text.
 */
public final class StoredText {

    private StoredText() {
    }

    /** {@code text} safe to store ({@link SafeText}); the same instance when nothing needs changing, null for null. */
    public static String clean(String text) {
        return SafeText.clean(text);
    }

    /**
     * A tuple for the reactive SQL client with every string (also inside a {@code String[]}) cleaned:
     * the only way statements on the client get their parameters.
     */
    public static Tuple tuple(Object... values) {
        return tuple(Arrays.asList(values));
    }

    /** {@link #tuple(Object...)} from a list of parameters. */
    public static Tuple tuple(List<?> values) {
        List<Object> cleaned = new ArrayList<>(values.size());
        for (Object value : values) {
            cleaned.add(cleanValue(value));
        }
        return Tuple.from(cleaned);
    }

    private static Object cleanValue(Object value) {
        if (value instanceof String s) {
            return clean(s);
        }
        if (value instanceof String[] array) {
            String[] out = new String[array.length];
            for (int i = 0; i < array.length; i++) {
                out[i] = clean(array[i]);
            }
            return out;
        }
        return value;
    }

    /**
     * A row of a JSON recordset ({@code jsonb_to_recordset}): column names and values, in pairs (values may be
     * null), every string (also inside a list) cleaned.
     */
    public static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            Object value = columnsAndValues[i + 1];
            if (value instanceof String text) {
                value = clean(text);
            } else if (value instanceof List<?> texts) {
                value = texts.stream().map(t -> t instanceof String text ? clean(text) : t).toList();
            }
            row.put((String) columnsAndValues[i], value);
        }
        return row;
    }

    /** {@link #row}s as the JSON array a multi-row statement reads. */
    public static String rows(ObjectMapper mapper, List<Map<String, Object>> rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rows", e);
        }
    }
}
