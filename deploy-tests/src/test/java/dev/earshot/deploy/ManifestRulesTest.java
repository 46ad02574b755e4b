package dev.earshot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds the checker broken manifests (the rendered base, each time with one rule broken) and expects it to say so. */
class ManifestRulesTest {

    private List<HasMetadata> base;
    private ManifestRules rules;

    /** A fresh copy of the rendered base: every test breaks its own. */
    private List<HasMetadata> freshBase() {
        base = new ArrayList<>(Manifests.parse(Kustomize.render(Kustomize.kubernetesDir().resolve("base"))));
        rules = RenderedManifestsTest.rulesFor(base);
        return base;
    }

    private Container container(String deployment) {
        return rules.named(Deployment.class, deployment).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static void assertReported(List<String> violations, String expected) {
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), "expected <" + expected + "> among " + violations);
    }

    /** Each expected violation, and no other. */
    private static void assertReportedExactly(List<String> violations, String... expected) {
        for (String one : expected) {
            assertReported(violations, one);
        }
        assertEquals(expected.length, violations.size(), violations.toString());
    }

    @Test
    void anIngressToAMissingServiceOrPortIsReported() {
        freshBase();
        base.add(new IngressBuilder().withNewMetadata().withName("public").endMetadata().withNewSpec()
                .addNewRule().withHost("earshot.example.com").withNewHttp()
                .addNewPath().withPath("/api/v1").withPathType("Prefix").withNewBackend().withNewService()
                .withName("response-service").withNewPort().withName("http").endPort().endService().endBackend().endPath()
                .addNewPath().withPath("/api/v1/ingest").withPathType("Prefix").withNewBackend().withNewService()
                .withName("listener-service").withNewPort().withName("admin").endPort().endService().endBackend().endPath()
                .addNewPath().withPath("/api/v1/score").withPathType("Prefix").withNewBackend().withNewService()
                .withName("scoring").withNewPort().withNumber(8082).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build());

        assertReportedExactly(rules.selectors(),
                "Ingress/public path /api/v1/ingest routes to port admin of Service listener-service, which it does not have",
                "Ingress/public path /api/v1/score routes to Service scoring, which is not in the manifests");
    }

    @Test
    void aMissingProbeAndAProbeOnAnUndeclaredPortAreReported() {
        freshBase();
        container("sentiment-service").setReadinessProbe(null);
        container("response-service").getLivenessProbe().getHttpGet().setPort(new IntOrString("management"));
        container("listener-service").getStartupProbe().getHttpGet().setPort(new IntOrString(9000));

        List<String> violations = rules.probes();
        assertReportedExactly(violations,
                "Deployment/sentiment-service container sentiment-service has no readinessProbe",
                "Deployment/response-service container response-service livenessProbe points at port management",
                "Deployment/listener-service container listener-service startupProbe points at port 9000");
    }

    @Test
    void missingRequestsOrLimitsAreReported() {
        freshBase();
        container("listener-service").getResources().getLimits().remove("memory");
        container("response-service").getResources().getRequests().remove("cpu");

        List<String> violations = rules.resources();
        assertEquals(List.of("Deployment/listener-service container listener-service has no memory limit",
                "Deployment/response-service container response-service requests no cpu"), violations);
    }

    @Test
    void rootPrivilegeEscalationWritableRootAndKeptCapabilitiesAreReported() {
        freshBase();
        Container listener = container("listener-service");
        listener.getSecurityContext().setRunAsNonRoot(null);
        rules.named(Deployment.class, "listener-service").orElseThrow().getSpec().getTemplate().getSpec().getSecurityContext()
                .setRunAsNonRoot(false);
        listener.getSecurityContext().setAllowPrivilegeEscalation(null);
        listener.getSecurityContext().setReadOnlyRootFilesystem(false);
        listener.getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"));
        rules.named(Deployment.class, "sentiment-service").orElseThrow().getSpec().getTemplate().getSpec()
                .setAutomountServiceAccountToken(null);

        List<String> violations = rules.securityContexts();
        assertReportedExactly(violations,
                "listener-service may run as root",
                "listener-service allows privilege escalation",
                "listener-service has a writable root file system",
                "listener-service does not drop ALL capabilities",
                "Deployment/sentiment-service does not set automountServiceAccountToken: false");
    }

    @Test
    void credentialsOutsideSecretKeyRefsAreReported() {
        freshBase();
        Container response = container("response-service");
        response.getEnv().stream().filter(v -> v.getName().equals("DB_PASSWORD")).findFirst().orElseThrow()
                .setValueFrom(null);
        response.getEnv().stream().filter(v -> v.getName().equals("DB_PASSWORD")).findFirst().orElseThrow()
                .setValue("hunter2");
        container("listener-service").getEnvFrom().add(new EnvFromSourceBuilder().withNewSecretRef("earshot-redis", false).build());
        ConfigMap listenerConfig = rules.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("listener-service-config")).findFirst().orElseThrow();
        listenerConfig.getData().put("REDIS_URL", "redis://:s3cret@redis:6379/0");
        base.add(new SecretBuilder().withNewMetadata().withName("earshot-db").endMetadata()
                .withStringData(Map.of("password", "hunter2")).build());

        List<String> violations = rules.secretsOnlyThroughSecretKeyRef();
        assertReported(violations, "response-service sets DB_PASSWORD without a secretKeyRef");
        assertReported(violations, "listener-service takes a whole Secret (envFrom secretRef earshot-redis)");
        assertReported(violations, "has a password in the value of REDIS_URL");
        assertEquals(List.of("Secret/earshot-db is a Secret with values in the manifests"), rules.noSecretObjects());
    }

    @Test
    void aSettingTheServiceDoesNotReadIsReported() {
        freshBase();
        ConfigMap sentimentConfig = rules.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("sentiment-service-config")).findFirst().orElseThrow();
        // a typo: the service reads RABBITMQ_HOST, so this one would be ignored and the default (localhost) used
        sentimentConfig.getData().put("RABBITMQ_HOSTNAME", "rabbitmq");
        // REDIS_URL is read by listener-service, not by sentiment-service
        container("sentiment-service").getEnv().add(new EnvVar("REDIS_URL", "redis://redis:6379/0", null));

        List<String> violations = rules.serviceEnvironments();
        assertReportedExactly(violations,
                "sets RABBITMQ_HOSTNAME, which sentiment-service does not read",
                "container sentiment-service sets REDIS_URL, which sentiment-service does not read");
    }

    @Test
    void selectorsThatMatchNothingAreReported() {
        freshBase();
        rules.named(HorizontalPodAutoscaler.class, "response-service").orElseThrow().getSpec().getScaleTargetRef()
                .setName("response");
        rules.named(PodDisruptionBudget.class, "sentiment-service").orElseThrow().getSpec().getSelector()
                .setMatchLabels(Map.of("app", "sentiment-service"));
        rules.named(io.fabric8.kubernetes.api.model.Service.class, "listener-service").orElseThrow().getSpec().getPorts().get(0)
                .setTargetPort(new IntOrString("web"));

        List<String> violations = rules.selectors();
        assertReportedExactly(violations,
                "HorizontalPodAutoscaler/response-service scales Deployment/response, which is not in the manifests",
                "PodDisruptionBudget/sentiment-service selects no workload's pods",
                "Service/listener-service port http targets web, which its pods do not declare");
    }

    @Test
    void aMissingDefaultDenyIsReported() {
        freshBase();
        assertEquals(List.of(), rules.defaultDenyNetworkPolicy());
        NetworkPolicy denyAll = rules.named(NetworkPolicy.class, "default-deny-all").orElseThrow();
        denyAll.getSpec().setPolicyTypes(List.of("Ingress"));
        assertEquals(1, rules.defaultDenyNetworkPolicy().size());
        base.remove(denyAll);
        assertReported(rules.defaultDenyNetworkPolicy(), "no default deny-all NetworkPolicy");
    }

    @Test
    void jvmImagesAndUnresolvedSecretsAreReported() {
        freshBase();
        List<String> notNative = rules.nativeImages();
        assertReported(notNative, "Deployment/listener-service container listener-service runs earshot/listener-service:jvm, not a native image");
        assertReported(notNative, "sets the JVM variable JAVA_MAX_MEM_RATIO on a native image");

        List<String> unresolved = rules.unresolvedSecretReferences(Set.of());
        assertReported(unresolved, "Deployment/response-service reads key password of Secret earshot-db");
        assertReported(unresolved, "Deployment/listener-service mounts Secret earshot-jwt");
        assertTrue(unresolved.stream().noneMatch(v -> v.contains("earshot-listener-sources")), "optional references are fine");
    }

    @Test
    void aMisspeltFieldIsFoundAfterParsing() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: typo}
                  template:
                    metadata:
                      labels: {app: typo}
                    spec:
                      containers:
                        - name: app
                          image: example/app:1
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                          resources:
                            limit: {memory: 128Mi}
                """;
        HasMetadata deployment = Manifests.parse(yaml).get(0);
        assertTrue(deployment instanceof Deployment, deployment.getClass().getName());
        assertEquals(List.of("Deployment/typo: spec.template.spec.containers[0].readinesProbe",
                        "Deployment/typo: spec.template.spec.containers[0].resources.limit"),
                Manifests.unknownFields(deployment).stream().sorted().toList());
    }

    @Test
    void aKustomizationThatCannotRenderFails(@TempDir Path dir) throws IOException {
        Kustomize.assumeKubectl();
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Kustomize.render(dir));
        assertTrue(failure.getMessage().contains("missing.yaml"), failure.getMessage());
    }

    @Test
    void theVariablesOfAServiceAreItsPlaceholderNames() {
        Set<String> names = ServiceEnvironment.variablesIn("""
                %prod.quarkus.redis.hosts=${REDIS_URL:redis://localhost:6379/0}
                a=${EARSHOT_A}-${EARSHOT_B:x}
                b=${earshot.listener.hackernews.base-url}
                """);
        assertEquals(Set.of("REDIS_URL", "EARSHOT_A", "EARSHOT_B"), names);
        assertTrue(ServiceEnvironment.of("response-service").containsAll(Set.of("DB_PASSWORD", "DB_REACTIVE_URL", "RABBITMQ_HOST")));
    }

    @Test
    void aDeploymentOfNoServiceIsReported() {
        freshBase();
        Function<String, Set<String>> onlyListener = name -> name.equals("listener-service") ? ServiceEnvironment.of(name) : null;
        List<String> violations = new ManifestRules(base, onlyListener).serviceEnvironments();
        assertReported(violations, "Deployment/sentiment-service is no service of this repository");
    }
}
