package dev.earshot.testing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * On the test class path only: points SmallRye JWT of the service under test at the key pair of
 * {@link DevJwt}, above application.properties, so every {@code @QuarkusTest} of every module verifies
 * the tokens that {@link DevJwt#token(String)} mints without any annotation.
 */
public class DevJwtConfigSource implements ConfigSource {

    private static final int ABOVE_APPLICATION_PROPERTIES = 275;

    private final Map<String, String> properties = Map.of(
            "mp.jwt.verify.publickey.location", DevJwt.publicKeyPem().toUri().toString(),
            "mp.jwt.verify.issuer", DevJwt.ISSUER);

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "earshot-test-jwt";
    }

    @Override
    public int getOrdinal() {
        return ABOVE_APPLICATION_PROPERTIES;
    }
}
