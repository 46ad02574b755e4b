package dev.earshot.response.webhook.slack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.slack.api.app_backend.SlackSignature;

/** The verifier against Slack's own SDK, both ways, and its edges. */
class SlackSignatureVerifierTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Instant NOW = Instant.ofEpochSecond(1_764_067_200L);
    static final String TS = Long.toString(NOW.getEpochSecond());
    static final byte[] BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D&x=a+b%2Bc"
            .getBytes(StandardCharsets.UTF_8);

    final SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET);

    static String slackSigns(String secret, String timestamp, byte[] body) {
        return SlackRequests.sign(secret, timestamp, body);
    }

    @Test
    void acceptsWhatSlacksSdkSignsAndSignsWhatItAccepts() {
        assertDoesNotThrow(() -> verifier.verify(TS, slackSigns(SECRET, TS, BODY), BODY, NOW));
        String ours = verifier.sign(TS, BODY);
        assertEquals(slackSigns(SECRET, TS, BODY), ours);
        SlackSignature.Verifier sdk = new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));
        assertTrue(sdk.isValid(TS, new String(BODY, java.nio.charset.Charset.defaultCharset()), ours,
                NOW.toEpochMilli()));
    }

    @Test
    void acceptsUpperCaseHex() {
        String signature = slackSigns(SECRET, TS, BODY);
        assertDoesNotThrow(() -> verifier.verify(TS, "v0=" + signature.substring(3).toUpperCase(), BODY, NOW));
    }

    @Test
    void timestampsUpToFiveMinutesEitherSideAreAcceptedAndNoMore() {
        for (long offset : new long[] {-300, 300}) {
            String ts = Long.toString(NOW.getEpochSecond() + offset);
            assertDoesNotThrow(() -> verifier.verify(ts, slackSigns(SECRET, ts, BODY), BODY, NOW));
        }
        for (long offset : new long[] {-301, 301, -86_400}) {
            String ts = Long.toString(NOW.getEpochSecond() + offset);
            SlackRequestRejectedException e = assertThrows(SlackRequestRejectedException.class,
                    () -> verifier.verify(ts, slackSigns(SECRET, ts, BODY), BODY, NOW));
            assertTrue(e.getMessage().contains("5 minutes"), e.getMessage());
        }
    }

    @Test
    void refusesWrongSecretsChangedBytesAndGarbledHeaders() {
        String good = slackSigns(SECRET, TS, BODY);
        byte[] changed = BODY.clone();
        changed[changed.length - 1] = 'd';
        assertThrows(SlackRequestRejectedException.class,
                () -> verifier.verify(TS, slackSigns("other-secret", TS, BODY), BODY, NOW));
        assertThrows(SlackRequestRejectedException.class, () -> verifier.verify(TS, good, changed, NOW));
        String otherTs = Long.toString(NOW.getEpochSecond() - 1);
        assertThrows(SlackRequestRejectedException.class, () -> verifier.verify(otherTs, good, BODY, NOW));
        for (String garbled : new String[] {"", "v0=", good.substring(0, good.length() - 1), good + "0",
                "v1=" + good.substring(3), "v0=" + "g".repeat(64), good.substring(3)}) {
            assertThrows(SlackRequestRejectedException.class, () -> verifier.verify(TS, garbled, BODY, NOW), garbled);
        }
        for (String ts : new String[] {"", "-1", "1.5", "abc", "1".repeat(13), " " + TS}) {
            assertThrows(SlackRequestRejectedException.class,
                    () -> verifier.verify(ts, slackSigns(SECRET, ts, BODY), BODY, NOW), ts);
        }
        assertThrows(SlackRequestRejectedException.class, () -> verifier.verify(null, good, BODY, NOW));
        assertThrows(SlackRequestRejectedException.class, () -> verifier.verify(TS, null, BODY, NOW));
    }

    @Test
    void aReplayIsRefusedForAsLongAsItsTimestampIsAcceptable() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        SlackSignatureVerifier remembering = new SlackSignatureVerifier(SECRET, nanos::get);
        // stamped five minutes ahead: acceptable from now until ten minutes from now
        String ahead = Long.toString(NOW.getEpochSecond() + 300);
        String signature = slackSigns(SECRET, ahead, BODY);
        assertDoesNotThrow(() -> remembering.verify(ahead, signature, BODY, NOW));
        String upperCase = "v0=" + signature.substring(3).toUpperCase();
        for (long later : new long[] {0, 1, 300, 599}) {
            nanos.set(java.time.Duration.ofSeconds(later).toNanos());
            Instant then = NOW.plusSeconds(later);
            for (String replay : new String[] {signature, upperCase}) {
                SlackRequestRejectedException e = assertThrows(SlackRequestRejectedException.class,
                        () -> remembering.verify(ahead, replay, BODY, then), later + " s later");
                assertEquals("this request was received before (a replay)", e.getMessage());
            }
        }
        // past the window the timestamp refuses it, and the signature is forgotten (the cache stays bounded)
        nanos.set(java.time.Duration.ofSeconds(601).toNanos());
        SlackRequestRejectedException stale = assertThrows(SlackRequestRejectedException.class,
                () -> remembering.verify(ahead, signature, BODY, NOW.plusSeconds(601)));
        assertTrue(stale.getMessage().contains("5 minutes"), stale.getMessage());
        // another request in the same second is not a replay
        byte[] other = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> remembering.verify(ahead, slackSigns(SECRET, ahead, other), other, NOW));
    }

    @Test
    void needsASecret() {
        assertThrows(IllegalArgumentException.class, () -> new SlackSignatureVerifier(""));
        assertThrows(IllegalArgumentException.class, () -> new SlackSignatureVerifier(null));
    }
}
