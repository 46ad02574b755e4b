package dev.earshot.listener.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    @Test
    void copiesThatDifferInLinksHandlesCaseAndPunctuationShareAFingerprint() {
        String first = NearDuplicates.fingerprint(null, "Acme Cloud is DOWN again, nobody answers! https://t.co/abc", 5);
        String copy = NearDuplicates.fingerprint(null, "@bob acme cloud is down again - nobody answers  #acme", 5);
        String other = NearDuplicates.fingerprint(null, "acme cloud is up again, nobody answers", 5);
        assertNotNull(first);
        assertEquals("acme cloud is down again nobody answers", NearDuplicates.normalise(null,
                "Acme Cloud is DOWN again, nobody answers! https://t.co/abc"));
        assertNotEquals(first, other);
        assertEquals(NearDuplicates.fingerprint(null, "acme cloud is down again nobody answers acme", 5), copy);
    }

    @Test
    void shortTextsAreNotFingerprinted() {
        assertNull(NearDuplicates.fingerprint(null, "same here +1", 5));
        assertNull(NearDuplicates.fingerprint(null, "https://example.com @someone", 5));
        assertNotNull(NearDuplicates.fingerprint("Acme is down", "for everyone", 5));
    }
}
