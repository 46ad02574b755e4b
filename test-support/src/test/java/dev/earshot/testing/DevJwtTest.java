package dev.earshot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class DevJwtTest {

    @Test
    void tokenVerifiesWithThePublishedPublicKeyAndCarriesTheRole() throws Exception {
        String token = DevJwt.token("lead");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        String pem = Files.readString(DevJwt.publicKeyPem());
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"groups\":[\"lead\"]"), payload);
        assertTrue(payload.contains("\"iss\":\"" + DevJwt.ISSUER + "\""), payload);
        assertTrue(payload.contains("\"aud\":\"earshot\""), payload);
    }

    @Test
    void strangerTokenHasADifferentSignature() {
        String good = DevJwt.token("agent");
        String forged = DevJwt.tokenSignedByStranger("agent");
        assertNotEquals(good.substring(good.lastIndexOf('.')), forged.substring(forged.lastIndexOf('.')));
    }
}
