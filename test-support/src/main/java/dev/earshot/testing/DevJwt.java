package dev.earshot.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A throw-away RSA key pair and RS256 bearer tokens for tests. The key pair is generated once per
 * JVM and never written anywhere but a temporary file holding the public half, so no key is
 * committed. Tokens carry the claims the services verify: {@code iss}, {@code aud}, {@code upn},
 * {@code groups} (the role), {@code iat}, {@code exp} and {@code jti}.
 */
public final class DevJwt {

    public static final String ISSUER = "https://earshot.test";

    /** The audience the services expect by default ({@code mp.jwt.verify.audiences}, EARSHOT_JWT_AUDIENCE). */
    public static final String AUDIENCE = "earshot";

    /*
     * Quarkus loads test and application classes in several class loaders of one JVM; system
     * properties are shared by all of them, so every copy of this class signs and verifies with the
     * same key pair.
     */
    private static final String KEY_PAIR_PROPERTY = "earshot.test.jwt.key-pair";
    private static final String PUBLIC_KEY_FILE_PROPERTY = "earshot.test.jwt.public-key-file";
    private static final KeyPair KEY_PAIR = sharedKeyPair();

    private DevJwt() {
    }

    /** A token for {@code role} (agent, lead or admin) valid for one hour. */
    public static String token(String role) {
        return token("tester@earshot.test", role, ISSUER, Duration.ofHours(1));
    }

    public static String token(String subject, String role, String issuer, Duration validity) {
        return token(subject, role, issuer, validity, AUDIENCE);
    }

    /** A token for {@code audience} (null: without an {@code aud} claim). */
    public static String token(String subject, String role, String issuer, Duration validity, String audience) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + issuer + "\","
                + (audience == null ? "" : "\"aud\":\"" + audience + "\",") + "\"upn\":\"" + subject + "\",\"sub\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(validity).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KEY_PAIR.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** A token signed by a key the services do not trust. */
    public static String tokenSignedByStranger(String role) {
        String good = token(role);
        byte[] forged = new byte[256];
        new java.security.SecureRandom().nextBytes(forged);
        return good.substring(0, good.lastIndexOf('.') + 1) + base64Url(forged);
    }

    /** The public key as a PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public static Path publicKeyPem() {
        synchronized (System.class) {
            String existing = System.getProperty(PUBLIC_KEY_FILE_PROPERTY);
            if (existing != null) {
                return Path.of(existing);
            }
            try {
                Path file = Files.createTempFile("earshot-test-jwt-", ".pem");
                file.toFile().deleteOnExit();
                String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEY_PAIR.getPublic().getEncoded());
                Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
                System.setProperty(PUBLIC_KEY_FILE_PROPERTY, file.toString());
                return file;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot write the test public key", e);
            }
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair sharedKeyPair() {
        synchronized (System.class) {
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                String shared = System.getProperty(KEY_PAIR_PROPERTY);
                if (shared != null) {
                    String[] halves = shared.split(":");
                    return new KeyPair(
                            factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(halves[0]))),
                            factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(halves[1]))));
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair generated = generator.generateKeyPair();
                System.setProperty(KEY_PAIR_PROPERTY,
                        Base64.getEncoder().encodeToString(generated.getPublic().getEncoded()) + ":"
                                + Base64.getEncoder().encodeToString(generated.getPrivate().getEncoded()));
                return generated;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
