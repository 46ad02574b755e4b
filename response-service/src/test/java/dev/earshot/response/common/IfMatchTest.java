package dev.earshot.response.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void quotedUnquotedAndWeakTagsNameTheSameVersion() {
        for (String header : new String[] {"7", "\"7\"", "W/\"7\"", " \"3\", \"7\" ", "*", null}) {
            assertTrue(IfMatch.matches(header, 7), header);
        }
        for (String header : new String[] {"8", "\"8\"", "\"not-a-version\"", "\"7", "W/8", ""}) {
            assertFalse(IfMatch.matches(header, 7), header);
        }
    }

    @Test
    void aStaleTagIs412WithTheGivenText() {
        StaleVersionException e = assertThrows(StaleVersionException.class, () -> IfMatch.check("\"6\"", 7, "stale"));
        assertEquals("stale", e.getMessage());
    }
}
