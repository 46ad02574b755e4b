package dev.earshot.response.webhook.format;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a body the Standard Webhooks way: {@code v1,<base64(HMAC-SHA256(key, id.timestamp.body))>}, one
 * entry per key, space-separated, so a receiver that knows any one of them can verify during a rotation.
 */
final class StandardWebhooksSigner {

    private static final String HMAC = "HmacSHA256";

    private StandardWebhooksSigner() {
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @throws IllegalArgumentException when a secret is not a valid {@code whsec_} key (never signs with part of one)
     */
    static String signature(List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
        if (!secrets.stream().allMatch(WebhookSecrets::isValid)) {
            throw new IllegalArgumentException("a signing secret is not a Standard Webhooks key (whsec_...)");
        }
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        return secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(WebhookSecrets.keyBytes(secret), prefix, body)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
