package dev.earshot.response.task.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * The prod profile reads its credentials from the environment without a default: where one is missing,
 * start-up stops here, first of all start-up work, naming every missing variable, instead of connecting
 * with a development password (the messaging connector would silently go on without one).
 */
@ApplicationScoped
public class ProductionSecrets {

    /** Property, and the environment variable its {@code %prod} value reads. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("quarkus.datasource.username", "DB_USERNAME");
        REQUIRED.put("quarkus.datasource.password", "DB_PASSWORD");
        REQUIRED.put("rabbitmq-username", "RABBITMQ_USERNAME");
        REQUIRED.put("rabbitmq-password", "RABBITMQ_PASSWORD");
    }

    void check(@Observes @Priority(Integer.MIN_VALUE) StartupEvent event, Config config) {
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            try {
                if (config.getOptionalValue(property, String.class).isEmpty()) {
                    missing.add(variable);
                }
            } catch (NoSuchElementException e) { // ${VARIABLE} without a value and without a default
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing secret(s) " + String.join(", ", missing)
                    + ": set them in the environment (the prod profile has no default credentials)");
        }
    }
}
