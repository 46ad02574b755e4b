package dev.earshot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The six Dockerfiles keep the image rules, and the Deployments use the ports the services listen on. */
class ImagesTest {

    private static final String LISTENER = "listener-service";

    @ParameterizedTest
    @EnumSource(ImageRules.Kind.class)
    void everyServiceImageKeepsTheRules(ImageRules.Kind kind) {
        for (String service : RenderedManifestsTest.SERVICES) {
            String dockerfile = ImageRules.dockerfileOf(service, kind);
            assertEquals(List.of(), ImageRules.violations(service + " " + kind, dockerfile, kind, ImageRules.httpPort(service)));
        }
    }

    @Test
    void eachDeploymentDeclaresTheServicesOwnPort() {
        ManifestRules rules = RenderedManifestsTest.rulesFor(RenderedManifestsTest.rendered("base"));
        for (String service : RenderedManifestsTest.SERVICES) {
            Deployment deployment = rules.named(Deployment.class, service).orElseThrow();
            List<Integer> ports = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .map(ContainerPort::getContainerPort).toList();
            assertEquals(List.of(ImageRules.httpPort(service)), ports, service);
        }
    }

    @Test
    void brokenJvmImagesAreReported() {
        assertBroken(ImageRules.Kind.JVM, text -> text.replace("USER 1001", "USER root"), "does not run as user 1001");
        assertBroken(ImageRules.Kind.JVM, text -> text.replace("EXPOSE 8081", "EXPOSE 8080"),
                "exposes [8080] but the service listens on 8081");
        assertBroken(ImageRules.Kind.JVM, text -> text.replace(" -XX:-UsePerfData", ""), "JAVA_OPTS_APPEND lacks -XX:-UsePerfData");
        assertBroken(ImageRules.Kind.JVM, text -> text.replace(" -Djava.io.tmpdir=/tmp", ""),
                "JAVA_OPTS_APPEND lacks -Djava.io.tmpdir=/tmp");
        assertBroken(ImageRules.Kind.JVM, text -> text.replaceAll("openjdk-17-runtime:[^\\s]+", "openjdk-17-runtime"),
                "is not pinned to a tag");
        assertBroken(ImageRules.Kind.JVM, text -> text.replaceAll("openjdk-17-runtime:[^\\s]+", "openjdk-17-runtime:latest"),
                "is not pinned to a tag");
    }

    @Test
    void brokenNativeImagesAreReported() {
        assertBroken(ImageRules.Kind.NATIVE, text -> text + "CMD [\"-Dquarkus.log.level=INFO\"]\n", "uses CMD");
        assertBroken(ImageRules.Kind.NATIVE, text -> text.replace(", \"-Djava.io.tmpdir=/tmp\"", ""),
                "the entrypoint lacks -Djava.io.tmpdir=/tmp");
        assertBroken(ImageRules.Kind.NATIVE, text -> text.replace("\"./application\"", "\"/bin/sh\", \"-c\", \"./application\""),
                "does not start the executable ./application");
        assertBroken(ImageRules.Kind.NATIVE, text -> text.replace("USER 1001", "USER 1001\nUSER 0"), "does not run as user 1001");
    }

    private static void assertBroken(ImageRules.Kind kind, UnaryOperator<String> breakIt, String expected) {
        String original = ImageRules.dockerfileOf(LISTENER, kind);
        String broken = breakIt.apply(original);
        assertTrue(!broken.equals(original), "the change did not apply: " + expected);
        List<String> violations = ImageRules.violations(LISTENER, broken, kind, ImageRules.httpPort(LISTENER));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains(expected), "expected <" + expected + "> in " + violations);
    }
}
