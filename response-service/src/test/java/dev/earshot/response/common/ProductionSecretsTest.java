package dev.earshot.response.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.earshot.messaging.ProductionSecrets;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** This service's application.properties in the prod profile, with and without the secrets in the environment. */
class ProductionSecretsTest {

    private SmallRyeConfig prod(Map<String, String> environment) throws Exception {
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }

    @Test
    void startUpStopsNamingEveryMissingSecretAndGoesOnWithThem() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ProductionSecrets().check(null, prod(Map.of())));
        assertEquals("missing secret(s) DB_USERNAME, DB_PASSWORD, RABBITMQ_USERNAME, RABBITMQ_PASSWORD: set them in the environment (the prod profile has no default "
                + "credentials)", e.getMessage());
        Map<String, String> secrets = new HashMap<>();
        for (String variable : "DB_USERNAME, DB_PASSWORD, RABBITMQ_USERNAME, RABBITMQ_PASSWORD".split(", ")) {
            secrets.put(variable, "from-the-secret-store");
        }
        SmallRyeConfig config = prod(secrets);
        assertDoesNotThrow(() -> new ProductionSecrets().check(null, config));
        assertEquals("from-the-secret-store", config.getValue("rabbitmq-password", String.class));
    }
}
