package dev.earshot.response.webhook.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Assertions over rendered JSON bodies. */
final class JsonChecks {

    private JsonChecks() {
    }

    static JsonNode parse(OutgoingMessage message) {
        try {
            return new ObjectMapper().readTree(message.body());
        } catch (Exception e) {
            return fail("body is not JSON: " + e.getMessage());
        }
    }

    /** Every string value anywhere in the tree. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
    }

    /** No string in the body holds half of a surrogate pair. */
    static void assertNoBrokenSurrogates(JsonNode body) {
        strings(body).forEach(JsonChecks::assertWellFormed);
    }

    /** Every surrogate in {@code s} is part of a pair. */
    static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)),
                        "lone high surrogate at " + i + " in " + s.substring(0, Math.min(60, s.length())));
                i++;
            } else {
                assertTrue(!Character.isLowSurrogate(c), "lone low surrogate at " + i);
            }
        }
    }

    static void assertAtMost(int limit, String text, String what) {
        assertTrue(text.length() <= limit, what + " is " + text.length() + " > " + limit);
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
