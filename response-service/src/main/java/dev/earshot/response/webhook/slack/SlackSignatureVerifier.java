package dev.earshot.response.webhook.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Checks Slack's request signature (version v0): {@code X-Slack-Signature} must be {@code v0=} and the
 * hex HMAC-SHA256, keyed with the app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw
 * body>}; the timestamp must be within five minutes of now, either side, so a captured request
 * cannot be replayed later. Within those five minutes a replay is refused too: every accepted
 * signature is remembered for twice the window (a request stamped five minutes ahead is acceptable for
 * ten minutes), at most {@value #MAX_REMEMBERED} of them, per replica. Works on the body's bytes exactly
 * as received.
 */
public final class SlackSignatureVerifier {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final Duration MAX_CLOCK_DIFFERENCE = Duration.ofMinutes(5);
    private static final String VERSION = "v0";
    private static final int SIGNATURE_HEX_LENGTH = 64;
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    /** Far more Slack clicks than one workspace makes in ten minutes; only Slack can add an entry. */
    static final int MAX_REMEMBERED = 100_000;

    private final byte[] secret;
    private final Cache<String, Boolean> accepted;

    public SlackSignatureVerifier(String signingSecret) {
        this(signingSecret, Ticker.systemTicker());
    }

    /** With the clock that ages the remembered signatures (tests move it). */
    SlackSignatureVerifier(String signingSecret, Ticker ticker) {
        if (signingSecret == null || signingSecret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.accepted = Caffeine.newBuilder().expireAfterWrite(MAX_CLOCK_DIFFERENCE.multipliedBy(2))
                .maximumSize(MAX_REMEMBERED).ticker(ticker).build();
    }

    /** Returns normally when the request is Slack's and fresh; otherwise says why it is not. */
    public void verify(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            throw new SlackRequestRejectedException("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER);
        }
        long seconds = parseTimestamp(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_CLOCK_DIFFERENCE.toSeconds()) {
            throw new SlackRequestRejectedException(TIMESTAMP_HEADER + " is more than "
                    + MAX_CLOCK_DIFFERENCE.toMinutes() + " minutes from now");
        }
        String prefix = VERSION + "=";
        if (!signature.startsWith(prefix) || signature.length() != prefix.length() + SIGNATURE_HEX_LENGTH) {
            throw new SlackRequestRejectedException(SIGNATURE_HEADER + " is not a v0 signature");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature, prefix.length(), signature.length());
        } catch (IllegalArgumentException e) {
            throw new SlackRequestRejectedException(SIGNATURE_HEADER + " is not a v0 signature");
        }
        if (!MessageDigest.isEqual(given, mac(timestamp, body))) {
            throw new SlackRequestRejectedException("the signature does not match the request");
        }
        // keyed by the signature's bytes, so that the same one in upper-case hex is the same request
        if (accepted.asMap().putIfAbsent(HexFormat.of().formatHex(given), Boolean.TRUE) != null) {
            throw new SlackRequestRejectedException("this request was received before (a replay)");
        }
    }

    /** {@code v0=} and the hex HMAC of a request, as Slack computes it. */
    public String sign(String timestamp, byte[] body) {
        return VERSION + "=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static long parseTimestamp(String timestamp) {
        if (timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS
                || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SlackRequestRejectedException(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        return Long.parseLong(timestamp);
    }
}
