package dev.earshot.listener.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    private static final String FIRST = "Acme Cloud is DOWN again, nobody answers! https://t.co/abc";

    @Test
    void copiesThatDifferInLinksHandlesHashtagsAtTheEndCaseAndPunctuationShareAFingerprint() {
        String first = NearDuplicates.fingerprint(null, FIRST, 5);
        assertNotNull(first);
        assertEquals("acme cloud is down again nobody answers", NearDuplicates.normalise(null, FIRST));
        // the two copies compared: a handle added, other punctuation, no link, and hashtags appended
        assertEquals(first, NearDuplicates.fingerprint(null,
                "@bob acme cloud is down again - nobody answers  #acme #AcmeOutage", 5));
        assertEquals(first, NearDuplicates.fingerprint(null, "acme cloud is DOWN again... nobody answers #acme_cloud", 5));
        assertEquals(first, NearDuplicates.fingerprint("", "#Acme cloud is down again, nobody answers!", 5),
                "a hashtag inside the text is its word");
    }

    @Test
    void differentTextsDiffer() {
        String first = NearDuplicates.fingerprint(null, FIRST, 5);
        assertNotEquals(first, NearDuplicates.fingerprint(null, "acme cloud is up again, nobody answers", 5));
        assertNotEquals(first, NearDuplicates.fingerprint(null, "acme cloud is down again, nobody answers fast", 5),
                "a word added at the end is not a hashtag");
        assertNotEquals(first, NearDuplicates.fingerprint(null, "acme cloud is down again, nobody answers#now", 5),
                "'#' inside a word does not start a hashtag, so the word stays");
    }

    @Test
    void shortTextsAreNotFingerprinted() {
        assertNull(NearDuplicates.fingerprint(null, "same here +1", 5));
        assertNull(NearDuplicates.fingerprint(null, "https://example.com @someone", 5));
        assertNull(NearDuplicates.fingerprint(null, "+1 #acme #cloud #down #again #today", 5), "hashtags alone");
        assertNotNull(NearDuplicates.fingerprint("Acme is down", "for everyone", 5));
    }
}
