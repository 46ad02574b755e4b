package dev.earshot.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every service image keeps, checked on the Dockerfile text (no Docker engine here): a pinned base
 * image, user 1001 at run time, the port the service listens on, nothing written outside {@code /tmp} (so the
 * read-only root file system of the Deployments works), and an entrypoint to which a Deployment's {@code args}
 * are appended rather than replacing the program.
 */
final class ImageRules {

    enum Kind {
        JVM, NATIVE
    }

    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)\\s*$");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)\\s*$");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]\\s*$");
    private static final Pattern CMD = Pattern.compile("(?m)^CMD\\b");
    private static final Pattern JAVA_OPTS_APPEND = Pattern.compile("(?m)^ENV\\s+JAVA_OPTS_APPEND=\"([^\"]*)\"");

    private ImageRules() {
    }

    /** The port in the module's application.properties (the unprofiled entry). */
    static int httpPort(String module) {
        Matcher matcher = HTTP_PORT.matcher(ServiceEnvironment.propertiesOf(module));
        if (!matcher.find()) {
            throw new IllegalStateException(module + " sets no quarkus.http.port");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The text of the module's Dockerfile of that kind. */
    static String dockerfileOf(String module, Kind kind) {
        Path file = Kustomize.repositoryRoot().resolve(module)
                .resolve("src/main/docker/Dockerfile." + kind.name().toLowerCase(Locale.ROOT));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with this Dockerfile of a service listening on {@code port}; empty when nothing is. */
    static List<String> violations(String name, String dockerfile, Kind kind, int port) {
        String text = dockerfile.replaceAll("(?m)^\\s*#.*\\R", "");
        List<String> violations = new ArrayList<>();
        List<String> bases = all(FROM, text);
        if (bases.isEmpty()) {
            violations.add(name + ": no FROM");
        }
        for (String base : bases) {
            int tag = base.lastIndexOf(':');
            if (tag < 0 || tag < base.lastIndexOf('/') || base.endsWith(":latest")) {
                violations.add(name + ": base image " + base + " is not pinned to a tag");
            }
        }
        List<String> users = all(USER, text);
        if (users.isEmpty() || !users.get(users.size() - 1).equals("1001")) {
            violations.add(name + ": does not run as user 1001 (USER " + users + ")");
        }
        List<String> exposed = all(EXPOSE, text);
        if (!exposed.equals(List.of(String.valueOf(port)))) {
            violations.add(name + ": exposes " + exposed + " but the service listens on " + port);
        }
        List<String> entrypoints = all(ENTRYPOINT, text);
        String entrypoint = entrypoints.isEmpty() ? "" : entrypoints.get(entrypoints.size() - 1);
        if (CMD.matcher(text).find()) {
            violations.add(name + ": uses CMD, which a Deployment's args would replace");
        }
        if (kind == Kind.JVM) {
            if (!entrypoint.contains("run-java.sh")) {
                violations.add(name + ": the entrypoint is not run-java.sh");
            }
            List<String> options = all(JAVA_OPTS_APPEND, text);
            String joined = String.join(" ", options);
            for (String needed : List.of("-Djava.io.tmpdir=/tmp", "-XX:-UsePerfData", "-Dquarkus.http.host=0.0.0.0")) {
                if (!joined.contains(needed)) {
                    violations.add(name + ": JAVA_OPTS_APPEND lacks " + needed);
                }
            }
        } else {
            if (!entrypoint.replace(" ", "").startsWith("\"./application\"")) {
                violations.add(name + ": the entrypoint does not start the executable ./application");
            }
            for (String needed : List.of("-Djava.io.tmpdir=/tmp", "-Dquarkus.http.host=0.0.0.0")) {
                if (!entrypoint.contains(needed)) {
                    violations.add(name + ": the entrypoint lacks " + needed);
                }
            }
        }
        return violations;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).trim());
        }
        return found;
    }
}
