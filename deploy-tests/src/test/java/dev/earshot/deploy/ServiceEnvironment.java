package dev.earshot.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables a service reads: the {@code ${VAR}} and {@code ${VAR:default}} names of its application.properties. */
final class ServiceEnvironment {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    /**
     * Read by the JVM image's run-java.sh, not by the service. Allowed in a Deployment's own env (never in
     * its ConfigMap, which holds the service's settings only).
     */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_OPTS_APPEND");

    private ServiceEnvironment() {
    }

    /** The variables read by the module of that name (listener-service, sentiment-service, response-service). */
    static Set<String> of(String module) {
        return variablesIn(propertiesOf(module));
    }

    /** The text of the module's application.properties. */
    static String propertiesOf(String module) {
        Path properties = Kustomize.repositoryRoot().resolve(module).resolve("src/main/resources/application.properties");
        try {
            return Files.readString(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("no application.properties for " + module, e);
        }
    }

    static Set<String> variablesIn(String properties) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(properties);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
