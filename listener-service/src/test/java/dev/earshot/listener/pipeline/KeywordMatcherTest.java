package dev.earshot.listener.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeywordMatcherTest {

    private final KeywordMatcher matcher = new KeywordMatcher();

    @Test
    void matchesWholeWordsIgnoringCase() {
        assertTrue(matcher.matches("quarkus", "I love QUARKUS."));
        assertTrue(matcher.matches("quarkus", null, "(quarkus)"));
        assertTrue(matcher.matches("acme cloud", "Acme Cloud is down"));
        assertTrue(matcher.matches("c++", "we use C++ here"));
    }

    @Test
    void doesNotMatchInsideWords() {
        assertFalse(matcher.matches("quarkus", "quarkusio is a GitHub org"));
        assertFalse(matcher.matches("quarkus", "superquarkus"));
        assertFalse(matcher.matches("quarkus", "quarkus_x"));
        assertFalse(matcher.matches("quarkus", null, null));
    }
}
