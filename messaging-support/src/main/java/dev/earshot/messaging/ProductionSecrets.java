package dev.earshot.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * The prod profile reads its credentials from the environment without a default: where one is missing,
 * start-up stops here, first of all start-up work, naming every missing variable, instead of connecting
 * with a development password (the messaging connector would silently go on without one). The credentials are
 * {@code earshot.secrets.required}, each {@code property=VARIABLE}; by default the broker's, which every
 * service needs (response-service adds the database's).
 */
@ApplicationScoped
public class ProductionSecrets {

    static final List<String> DEFAULT = List.of("rabbitmq-username=RABBITMQ_USERNAME",
            "rabbitmq-password=RABBITMQ_PASSWORD");

    public void check(@Observes @Priority(Integer.MIN_VALUE) StartupEvent event, Config config) {
        List<String> required = config.getOptionalValues("earshot.secrets.required", String.class).orElse(DEFAULT);
        List<String> missing = new ArrayList<>();
        for (String entry : required) {
            int cut = entry.indexOf('=');
            String property = cut < 0 ? entry : entry.substring(0, cut);
            String variable = cut < 0 ? entry : entry.substring(cut + 1);
            try {
                if (config.getOptionalValue(property, String.class).isEmpty()) {
                    missing.add(variable);
                }
            } catch (NoSuchElementException e) { // ${VARIABLE} without a value and without a default
                missing.add(variable);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing secret(s) " + String.join(", ", missing)
                    + ": set them in the environment (the prod profile has no default credentials)");
        }
    }
}
