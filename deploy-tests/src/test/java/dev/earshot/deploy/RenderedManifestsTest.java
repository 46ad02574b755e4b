package dev.earshot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders deploy/kubernetes (base, dev, prod) as kubectl apply -k would and checks what comes out. */
class RenderedManifestsTest {

    static final List<String> SERVICES = List.of("listener-service", "sentiment-service", "response-service");
    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

    static synchronized List<HasMetadata> rendered(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization,
                dir -> List.copyOf(Manifests.parse(Kustomize.render(Kustomize.kubernetesDir().resolve(dir)))));
    }

    static ManifestRules rulesFor(List<HasMetadata> objects) {
        return new ManifestRules(objects, name -> SERVICES.contains(name) ? ServiceEnvironment.of(name) : null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/prod/servers"})
    void everyObjectParsesIntoItsModelWithNoUnknownField(String kustomization) {
        List<HasMetadata> objects = rendered(kustomization);
        assertFalse(objects.isEmpty(), kustomization + " renders nothing");
        List<String> unknown = objects.stream().flatMap(object -> Manifests.unknownFields(object).stream()).toList();
        assertEquals(List.of(), unknown, "fields the Kubernetes model does not know");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void keepsEveryCommonRule(String kustomization) {
        List<HasMetadata> objects = rendered(kustomization);
        // only the operator CRDs of overlays/prod/servers may be generic: everything here has a model class
        assertEquals(List.of(), objects.stream().filter(GenericKubernetesResource.class::isInstance).map(ManifestRules::id).toList());
        assertEquals(List.of(), rulesFor(objects).allCommonRules());
    }

    @Test
    void baseHasEachServiceWithItsScalingAndNoSecretValue() {
        ManifestRules base = rulesFor(rendered("base"));
        assertEquals(List.of(), base.noSecretObjects());
        for (String service : SERVICES) {
            assertTrue(base.named(Deployment.class, service).isPresent(), service + " Deployment");
            assertTrue(base.named(Service.class, service).isPresent(), service + " Service");
            assertTrue(base.named(PodDisruptionBudget.class, service).isPresent(), service + " PodDisruptionBudget");
            assertTrue(base.named(NetworkPolicy.class, service).isPresent(), service + " NetworkPolicy");
            assertTrue(base.all(ConfigMap.class).stream().anyMatch(c -> c.getMetadata().getName().startsWith(service + "-config")),
                    service + " ConfigMap");
            Deployment deployment = base.named(Deployment.class, service).orElseThrow();
            assertEquals(Set.of("/q/health/started", "/q/health/live", "/q/health/ready"),
                    deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                            .flatMap(c -> java.util.stream.Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
                            .map(probe -> probe.getHttpGet().getPath()).collect(Collectors.toSet()));
            assertEquals("true", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/scrape"));
        }
        assertEquals(2, base.named(Deployment.class, "listener-service").orElseThrow().getSpec().getReplicas());
        assertTrue(base.named(HorizontalPodAutoscaler.class, "listener-service").isEmpty(),
                "listener polling is bound by rate limits, not CPU: two replicas for failover, no autoscaler");
        assertReplicaRange(base, "sentiment-service", 2, 8);
        assertReplicaRange(base, "response-service", 2, 6);
    }

    private static void assertReplicaRange(ManifestRules rules, String name, int min, int max) {
        HorizontalPodAutoscaler autoscaler = rules.named(HorizontalPodAutoscaler.class, name).orElseThrow();
        assertEquals(min, autoscaler.getSpec().getMinReplicas());
        assertEquals(max, autoscaler.getSpec().getMaxReplicas());
        assertEquals("cpu", autoscaler.getSpec().getMetrics().get(0).getResource().getName());
    }

    @Test
    void networkPoliciesAllowTheDesignedFlowsOnly() {
        ManifestRules base = rulesFor(rendered("base"));
        assertEquals(Set.of(443, 5672, 6379), egressPorts(base, "listener-service"));
        assertEquals(Set.of(5672), egressPorts(base, "sentiment-service"));
        assertEquals(Set.of(443, 5432, 5672), egressPorts(base, "response-service"));
        for (String service : List.of("listener-service", "response-service")) {
            NetworkPolicyPeer publicInternet = egressRules(base, service).stream()
                    .filter(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 443))
                    .flatMap(rule -> rule.getTo().stream())
                    .filter(peer -> peer.getIpBlock() != null && "0.0.0.0/0".equals(peer.getIpBlock().getCidr()))
                    .findFirst().orElseThrow();
            assertTrue(publicInternet.getIpBlock().getExcept().containsAll(
                    List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16")),
                    service + " may reach private or metadata addresses over 443");
        }
        Set<String> sentimentCallers = ingressNamespaces(base, "sentiment-service");
        assertEquals(Set.of("monitoring"), sentimentCallers);
        assertEquals(Set.of("monitoring", "ingress-nginx"), ingressNamespaces(base, "response-service"));
        NetworkPolicy dns = base.named(NetworkPolicy.class, "allow-dns-egress").orElseThrow();
        assertEquals(Set.of(53), dns.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet()));
    }

    private static List<NetworkPolicyEgressRule> egressRules(ManifestRules rules, String policy) {
        return rules.named(NetworkPolicy.class, policy).orElseThrow().getSpec().getEgress();
    }

    private static Set<Integer> egressPorts(ManifestRules rules, String policy) {
        return egressRules(rules, policy).stream().flatMap(rule -> rule.getPorts().stream())
                .map(NetworkPolicyPort::getPort).map(port -> port.getIntVal()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ingressNamespaces(ManifestRules rules, String policy) {
        return rules.named(NetworkPolicy.class, policy).orElseThrow().getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream())
                .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .collect(Collectors.toSet());
    }

    @Test
    void devRunsOneReplicaOfEachServiceOnJvmImagesBesideTheThreeServers() {
        List<HasMetadata> objects = rendered("overlays/dev");
        ManifestRules dev = rulesFor(objects);
        assertNamespace(objects, "earshot-dev");
        for (String server : List.of("redis", "postgresql", "rabbitmq")) {
            StatefulSet statefulSet = dev.named(StatefulSet.class, server).orElseThrow(() -> new AssertionError("no " + server));
            assertEquals(1, statefulSet.getSpec().getReplicas());
            assertFalse(statefulSet.getSpec().getVolumeClaimTemplates().isEmpty(), server + " keeps its data on a PVC");
            assertTrue(dev.named(Service.class, server).isPresent(), server + " Service");
            assertTrue(dev.named(NetworkPolicy.class, server).isPresent(), server + " accepts its clients");
        }
        for (String service : SERVICES) {
            Deployment deployment = dev.named(Deployment.class, service).orElseThrow();
            assertEquals(1, deployment.getSpec().getReplicas());
            assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":jvm"));
        }
        assertEquals(List.of(), dev.all(HorizontalPodAutoscaler.class));
        // the token issuer's public key is the one Secret created by hand (from .dev/jwt/public.pem)
        assertEquals(List.of(), dev.unresolvedSecretReferences(Set.of("earshot-jwt")));
    }

    @Test
    void prodRunsNativeImagesWithServiceMonitorsAndExpectsItsSecrets() {
        List<HasMetadata> objects = rendered("overlays/prod");
        ManifestRules prod = rulesFor(objects);
        assertNamespace(objects, "earshot");
        assertEquals(List.of(), prod.nativeImages());
        assertEquals(List.of(), prod.noSecretObjects());
        assertEquals(Set.copyOf(SERVICES), prod.all(ServiceMonitor.class).stream()
                .map(monitor -> monitor.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .collect(Collectors.toSet()));
        for (String service : SERVICES) {
            List<String> args = prod.named(Deployment.class, service).orElseThrow()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
            assertTrue(args.stream().anyMatch(arg -> arg.startsWith("-Xmx")), service + " caps its native heap");
        }
    }

    @Test
    void prodIngressRoutesEachServicesApiToItOverTlsAndKeepsSentimentInternal() throws IOException {
        ManifestRules prod = rulesFor(rendered("overlays/prod"));
        Ingress ingress = prod.all(Ingress.class).stream().findFirst().orElseThrow(() -> new AssertionError("no Ingress in prod"));
        for (var rule : ingress.getSpec().getRules()) {
            assertTrue(ingress.getSpec().getTls().stream().anyMatch(tls -> tls.getHosts().contains(rule.getHost())),
                    "TLS for " + rule.getHost());
        }
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        for (String path : apiPaths("listener-service")) {
            assertEquals("listener-service", routedService(paths, path), path);
        }
        for (String path : apiPaths("response-service")) {
            assertEquals("response-service", routedService(paths, path), path);
        }
        for (String path : apiPaths("sentiment-service")) {
            assertNotEquals("sentiment-service", routedService(paths, path), path + " is internal");
        }
        // the web inbox: its pages (the OIDC redirect and back-channel logout URIs among them), stylesheet and
        // script, and htmx
        for (String path : List.of("/inbox", "/inbox/oidc", "/inbox/oidc/back-channel-logout", "/inbox/tasks/1",
                "/inbox-assets/inbox.css", "/webjars/htmx.org/dist/htmx.min.js")) {
            assertEquals("response-service", routedService(paths, path), path);
        }
    }

    private static final Pattern JAX_RS_PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");

    /**
     * The /api/v1 paths the module serves: each resource class's path, and that path followed by each of its
     * methods' paths, templates filled in. REST clients (outgoing calls) are not served.
     */
    private static Set<String> apiPaths(String module) throws IOException {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Kustomize.repositoryRoot().resolve(module).resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                int classStart = code.indexOf(" class ");
                if (code.contains("@RegisterRestClient") || classStart < 0) {
                    continue;
                }
                Matcher classPath = JAX_RS_PATH.matcher(code.substring(0, classStart));
                if (!classPath.find() || !classPath.group(1).startsWith("/api/v1")) {
                    continue;
                }
                paths.add(filled(classPath.group(1)));
                Matcher methodPath = JAX_RS_PATH.matcher(code.substring(classStart));
                while (methodPath.find()) {
                    paths.add(filled(classPath.group(1) + methodPath.group(1)));
                }
            }
        }
        assertFalse(paths.isEmpty(), module + " declares no /api/v1 resource");
        return paths;
    }

    private static String filled(String template) {
        return template.replaceAll("\\{[^}]*}", "1");
    }

    /** The Service an Ingress sends a request path to: the longest Prefix path that matches it element-wise. */
    private static String routedService(List<HTTPIngressPath> paths, String requestPath) {
        return paths.stream()
                .filter(p -> "Prefix".equals(p.getPathType()))
                .filter(p -> requestPath.equals(p.getPath()) || requestPath.startsWith(p.getPath().replaceAll("/$", "") + "/"))
                .max(Comparator.comparingInt(p -> p.getPath().length()))
                .map(p -> p.getBackend().getService().getName())
                .orElse(null);
    }

    @Test
    void prodPointsAtTheServersOfItsOperatorExamples() {
        List<HasMetadata> servers = rendered("overlays/prod/servers");
        GenericKubernetesResource postgres = custom(servers, "postgresql.cnpg.io/v1", "Cluster");
        GenericKubernetesResource rabbit = custom(servers, "rabbitmq.com/v1beta1", "RabbitmqCluster");
        custom(servers, "redis.redis.opstreelabs.in/v1beta2", "Redis");
        custom(servers, "rabbitmq.com/v1beta1", "User");
        String namespace = postgres.getMetadata().getNamespace();

        ManifestRules prod = rulesFor(rendered("overlays/prod"));
        Map<String, String> response = configOf(prod, "response-service");
        assertTrue(response.get("DB_REACTIVE_URL").contains(postgres.getMetadata().getName() + "-rw." + namespace + ".svc:5432/"),
                response.get("DB_REACTIVE_URL"));
        assertTrue(response.get("DB_JDBC_URL").contains(postgres.getMetadata().getName() + "-rw." + namespace + ".svc:5432/"),
                response.get("DB_JDBC_URL"));
        for (String service : SERVICES) {
            assertEquals(rabbit.getMetadata().getName() + "." + namespace + ".svc", configOf(prod, service).get("RABBITMQ_HOST"));
        }
    }

    private static Map<String, String> configOf(ManifestRules rules, String service) {
        return rules.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith(service + "-config"))
                .findFirst().orElseThrow().getData();
    }

    private static GenericKubernetesResource custom(List<HasMetadata> objects, String apiVersion, String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + apiVersion + " " + kind));
    }

    private static void assertNamespace(List<HasMetadata> objects, String namespace) {
        assertTrue(objects.stream().anyMatch(o -> o instanceof Namespace && namespace.equals(o.getMetadata().getName())),
                "Namespace " + namespace);
        assertEquals(List.of(), objects.stream()
                .filter(o -> !(o instanceof Namespace) && !Objects.equals(namespace, o.getMetadata().getNamespace()))
                .map(ManifestRules::id).toList(), "objects outside " + namespace);
    }
}
