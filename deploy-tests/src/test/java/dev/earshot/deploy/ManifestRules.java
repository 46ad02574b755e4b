package dev.earshot.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every rendering of deploy/kubernetes keeps. Each method returns the violations it finds, one
 * readable line each (empty when the manifests keep the rule), so that a test can show them all at once.
 */
final class ManifestRules {

    /** Names of settings that hold credentials: these may only come from a Secret, through secretKeyRef. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|_PASS$|SECRET|TOKEN|CREDENTIAL|PRIVATE).*");
    /** A URL with a password in it (scheme://user:password@host). */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s]*:[^/@\\s]+@");

    private final List<HasMetadata> objects;
    /** The environment variables each service's Deployment may set, by Deployment name; null for a name that is no service. */
    private final Function<String, Set<String>> serviceVariables;

    ManifestRules(List<HasMetadata> objects, Function<String, Set<String>> serviceVariables) {
        this.objects = objects;
        this.serviceVariables = serviceVariables;
    }

    /** The rules every rendering keeps: base, dev and prod alike. */
    List<String> allCommonRules() {
        List<String> violations = new ArrayList<>();
        violations.addAll(probes());
        violations.addAll(resources());
        violations.addAll(securityContexts());
        violations.addAll(secretsOnlyThroughSecretKeyRef());
        violations.addAll(serviceEnvironments());
        violations.addAll(selectors());
        violations.addAll(defaultDenyNetworkPolicy());
        return violations;
    }

    /** A workload's pod template with what identifies it. */
    record Workload(String id, LabelSelector selector, PodTemplateSpec template) {
        PodSpec pod() {
            return template.getSpec();
        }

        boolean isDeployment() {
            return id.startsWith("Deployment/");
        }

        Map<String, String> podLabels() {
            return Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of());
        }

        Stream<Container> allContainers() {
            return Stream.concat(pod().getContainers().stream(),
                    Optional.ofNullable(pod().getInitContainers()).orElse(List.of()).stream());
        }
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment deployment : all(Deployment.class)) {
            workloads.add(new Workload(id(deployment), deployment.getSpec().getSelector(), deployment.getSpec().getTemplate()));
        }
        for (StatefulSet statefulSet : all(StatefulSet.class)) {
            workloads.add(new Workload(id(statefulSet), statefulSet.getSpec().getSelector(), statefulSet.getSpec().getTemplate()));
        }
        return workloads;
    }

    /**
     * Every Deployment container has startup, liveness and readiness probes on /q/health at a port the container
     * declares; every StatefulSet container (the dev servers) has liveness and readiness probes.
     */
    List<String> probes() {
        List<String> violations = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (Container container : workload.pod().getContainers()) {
                String where = workload.id() + " container " + container.getName();
                if (workload.isDeployment()) {
                    checkProbe(where, "startupProbe", container.getStartupProbe(), container, violations);
                }
                checkProbe(where, "livenessProbe", container.getLivenessProbe(), container, violations);
                checkProbe(where, "readinessProbe", container.getReadinessProbe(), container, violations);
            }
        }
        return violations;
    }

    private static void checkProbe(String where, String kind, Probe probe, Container container, List<String> violations) {
        if (probe == null) {
            violations.add(where + " has no " + kind);
            return;
        }
        HTTPGetAction httpGet = probe.getHttpGet();
        if (httpGet == null) {
            if (probe.getExec() == null && probe.getTcpSocket() == null && probe.getGrpc() == null) {
                violations.add(where + " " + kind + " has no action");
            }
            return;
        }
        if (!declaresPort(container, httpGet.getPort())) {
            violations.add(where + " " + kind + " points at port " + portText(httpGet.getPort())
                    + ", which the container does not declare");
        }
        if (httpGet.getPath() == null || !httpGet.getPath().startsWith("/q/health/")) {
            violations.add(where + " " + kind + " checks " + httpGet.getPath() + ", not a /q/health/ endpoint");
        }
    }

    private static boolean declaresPort(Container container, IntOrString port) {
        if (port == null) {
            return false;
        }
        List<ContainerPort> ports = Optional.ofNullable(container.getPorts()).orElse(List.of());
        return ports.stream().anyMatch(declared -> port.getIntVal() != null
                ? port.getIntVal().equals(declared.getContainerPort())
                : port.getStrVal().equals(declared.getName()));
    }

    private static String portText(IntOrString port) {
        return port == null ? "none" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    /** Every container, init containers included, requests and limits cpu and memory. */
    List<String> resources() {
        List<String> violations = new ArrayList<>();
        for (Workload workload : workloads()) {
            workload.allContainers().forEach(container -> {
                ResourceRequirements resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    if (requests == null || !requests.containsKey(resource)) {
                        violations.add(workload.id() + " container " + container.getName() + " requests no " + resource);
                    }
                    if (limits == null || !limits.containsKey(resource)) {
                        violations.add(workload.id() + " container " + container.getName() + " has no " + resource + " limit");
                    }
                }
            });
        }
        return violations;
    }

    /**
     * Every container runs as non-root without privilege escalation, on a read-only root file system, with all
     * capabilities dropped and the runtime's default seccomp profile; no pod mounts a service account token.
     */
    List<String> securityContexts() {
        List<String> violations = new ArrayList<>();
        for (Workload workload : workloads()) {
            PodSpec pod = workload.pod();
            PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                violations.add(workload.id() + " does not set automountServiceAccountToken: false");
            }
            workload.allContainers().forEach(container -> {
                String where = workload.id() + " container " + container.getName();
                SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                Boolean runAsNonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
                if (!Boolean.TRUE.equals(runAsNonRoot)) {
                    violations.add(where + " may run as root (runAsNonRoot is not true)");
                }
                Long runAsUser = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
                if (runAsUser != null && runAsUser == 0) {
                    violations.add(where + " runs as user 0");
                }
                if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                    violations.add(where + " allows privilege escalation");
                }
                if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                    violations.add(where + " has a writable root file system");
                }
                List<String> dropped = context.getCapabilities() == null ? null : context.getCapabilities().getDrop();
                if (dropped == null || !dropped.contains("ALL")) {
                    violations.add(where + " does not drop ALL capabilities");
                }
                if (context.getCapabilities() != null && context.getCapabilities().getAdd() != null
                        && !context.getCapabilities().getAdd().isEmpty()) {
                    violations.add(where + " adds capabilities " + context.getCapabilities().getAdd());
                }
                String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                        : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    violations.add(where + " has no RuntimeDefault seccomp profile");
                }
            });
        }
        return violations;
    }

    /**
     * Credentials reach a container only as single keys of a Secret (env valueFrom.secretKeyRef) or a mounted
     * Secret: no envFrom of a whole Secret, no credential-named variable with a literal value or from a
     * ConfigMap, no URL with a password in a ConfigMap or a literal env value.
     */
    List<String> secretsOnlyThroughSecretKeyRef() {
        List<String> violations = new ArrayList<>();
        for (Workload workload : workloads()) {
            workload.allContainers().forEach(container -> {
                String where = workload.id() + " container " + container.getName();
                for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    if (source.getSecretRef() != null) {
                        violations.add(where + " takes a whole Secret (envFrom secretRef " + source.getSecretRef().getName()
                                + "); reference each key with secretKeyRef");
                    }
                }
                for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    boolean fromSecret = variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null;
                    if (SECRET_NAME.matcher(variable.getName()).matches() && !fromSecret) {
                        violations.add(where + " sets " + variable.getName() + " without a secretKeyRef");
                    }
                    if (variable.getValue() != null && URL_WITH_PASSWORD.matcher(variable.getValue()).find()) {
                        violations.add(where + " has a password in the value of " + variable.getName());
                    }
                }
            });
        }
        for (ConfigMap configMap : all(ConfigMap.class)) {
            Optional.ofNullable(configMap.getData()).orElse(Map.of()).forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    violations.add(id(configMap) + " holds " + key + ", which belongs in a Secret");
                }
                if (value != null && URL_WITH_PASSWORD.matcher(value).find()) {
                    violations.add(id(configMap) + " has a password in the value of " + key);
                }
            });
        }
        return violations;
    }

    /**
     * Every variable a service's Deployment sets, by itself or through its ConfigMap, is one that the service
     * reads (a misspelt name would be ignored silently); the ConfigMaps it names exist; no ConfigMap is unused.
     */
    List<String> serviceEnvironments() {
        List<String> violations = new ArrayList<>();
        List<String> usedConfigMaps = new ArrayList<>();
        for (Workload workload : workloads()) {
            workload.allContainers().forEach(container -> Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).stream()
                    .filter(source -> source.getConfigMapRef() != null)
                    .forEach(source -> usedConfigMaps.add(source.getConfigMapRef().getName())));
            for (Volume volume : Optional.ofNullable(workload.pod().getVolumes()).orElse(List.of())) {
                if (volume.getConfigMap() != null) {
                    usedConfigMaps.add(volume.getConfigMap().getName());
                }
            }
        }
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Set<String> readable = serviceVariables.apply(name);
            if (readable == null) {
                violations.add(id(deployment) + " is no service of this repository (no module " + name + ")");
                continue;
            }
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = id(deployment) + " container " + container.getName();
                for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (!readable.contains(variable.getName()) && !ServiceEnvironment.IMAGE_VARIABLES.contains(variable.getName())) {
                        violations.add(where + " sets " + variable.getName() + ", which " + name + " does not read");
                    }
                }
                for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    if (source.getConfigMapRef() == null) {
                        continue;
                    }
                    String configMapName = source.getConfigMapRef().getName();
                    Optional<ConfigMap> configMap = named(ConfigMap.class, configMapName);
                    if (configMap.isEmpty()) {
                        if (!Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                            violations.add(where + " takes ConfigMap " + configMapName + ", which is not in the manifests");
                        }
                        continue;
                    }
                    for (String key : Optional.ofNullable(configMap.get().getData()).orElse(Map.of()).keySet()) {
                        if (!readable.contains(key)) {
                            violations.add(id(configMap.get()) + " sets " + key + ", which " + name + " does not read");
                        }
                    }
                }
            }
        }
        for (ConfigMap configMap : all(ConfigMap.class)) {
            if (!usedConfigMaps.contains(configMap.getMetadata().getName())) {
                violations.add(id(configMap) + " is used by no workload");
            }
        }
        return violations;
    }

    /**
     * Every Service, PodDisruptionBudget and NetworkPolicy selects the pods of a workload, every Service's target
     * port is one those pods declare, every HorizontalPodAutoscaler scales a workload that exists, every
     * ServiceMonitor selects a Service by a port it has, every Ingress path routes to a Service port that exists,
     * every pod's ServiceAccount exists.
     */
    List<String> selectors() {
        List<String> violations = new ArrayList<>();
        List<Workload> workloads = workloads();
        for (Service service : all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Workload> selected = workloads.stream().filter(w -> matches(selector, w.podLabels())).toList();
            if (selector == null || selector.isEmpty() || selected.isEmpty()) {
                violations.add(id(service) + " selects no workload's pods (selector " + selector + ")");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                boolean declared = selected.stream().allMatch(w -> w.pod().getContainers().stream().anyMatch(c -> declaresPort(c, target)));
                if (!declared) {
                    violations.add(id(service) + " port " + port.getName() + " targets " + portText(target)
                            + ", which its pods do not declare");
                }
            }
        }
        for (PodDisruptionBudget budget : all(PodDisruptionBudget.class)) {
            violations.addAll(selectsAWorkload(id(budget), budget.getSpec().getSelector(), workloads));
        }
        for (NetworkPolicy policy : all(NetworkPolicy.class)) {
            LabelSelector selector = policy.getSpec().getPodSelector();
            boolean selectsEveryPod = selector == null
                    || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
            if (!selectsEveryPod) {
                violations.addAll(selectsAWorkload(id(policy), selector, workloads));
            }
        }
        for (HorizontalPodAutoscaler autoscaler : all(HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            boolean exists = workloads.stream().anyMatch(w -> w.id().equals(target.getKind() + "/" + target.getName()));
            if (!exists) {
                violations.add(id(autoscaler) + " scales " + target.getKind() + "/" + target.getName() + ", which is not in the manifests");
            }
            if (autoscaler.getSpec().getMinReplicas() == null || autoscaler.getSpec().getMinReplicas() < 1
                    || autoscaler.getSpec().getMaxReplicas() < autoscaler.getSpec().getMinReplicas()) {
                violations.add(id(autoscaler) + " has no sensible replica range");
            }
        }
        for (ServiceMonitor monitor : all(ServiceMonitor.class)) {
            List<Service> selected = all(Service.class).stream()
                    .filter(service -> matches(monitor.getSpec().getSelector(), service.getMetadata().getLabels()))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(id(monitor) + " selects no Service");
            }
            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                boolean portExists = selected.stream().allMatch(service -> service.getSpec().getPorts().stream()
                        .anyMatch(port -> Objects.equals(port.getName(), endpoint.getPort())));
                if (!portExists) {
                    violations.add(id(monitor) + " scrapes port " + endpoint.getPort() + ", which its Services do not have");
                }
            }
        }
        for (Ingress ingress : all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    violations.addAll(backendExists(id(ingress) + " path " + path.getPath(), path.getBackend().getService()));
                }
            }
        }
        for (Workload workload : workloads) {
            String account = workload.pod().getServiceAccountName();
            if (account != null && named(ServiceAccount.class, account).isEmpty()) {
                violations.add(workload.id() + " runs as ServiceAccount " + account + ", which is not in the manifests");
            }
            if (!matches(workload.selector(), workload.podLabels())) {
                violations.add(workload.id() + " selector does not match its own pod template");
            }
        }
        return violations;
    }

    private List<String> backendExists(String where, IngressServiceBackend backend) {
        if (backend == null) {
            return List.of(where + " has no Service backend");
        }
        Optional<Service> service = named(Service.class, backend.getName());
        if (service.isEmpty()) {
            return List.of(where + " routes to Service " + backend.getName() + ", which is not in the manifests");
        }
        ServiceBackendPort port = backend.getPort();
        boolean portExists = service.get().getSpec().getPorts().stream().anyMatch(servicePort -> port != null
                && (port.getName() != null ? port.getName().equals(servicePort.getName()) : Objects.equals(port.getNumber(), servicePort.getPort())));
        return portExists ? List.of()
                : List.of(where + " routes to port " + (port == null ? null : port.getName() != null ? port.getName() : port.getNumber())
                        + " of Service " + backend.getName() + ", which it does not have");
    }

    private static List<String> selectsAWorkload(String id, LabelSelector selector, List<Workload> workloads) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return List.of(id + " has no matchLabels selector");
        }
        return workloads.stream().anyMatch(w -> matches(selector, w.podLabels()))
                ? List.of()
                : List.of(id + " selects no workload's pods (" + selector.getMatchLabels() + ")");
    }

    /** A NetworkPolicy that selects every pod and allows nothing, in both directions. */
    List<String> defaultDenyNetworkPolicy() {
        boolean present = all(NetworkPolicy.class).stream().anyMatch(policy -> {
            var spec = policy.getSpec();
            LabelSelector selector = spec.getPodSelector();
            boolean everyPod = selector != null
                    && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                    && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
            return everyPod
                    && spec.getPolicyTypes() != null && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                    && (spec.getIngress() == null || spec.getIngress().isEmpty())
                    && (spec.getEgress() == null || spec.getEgress().isEmpty());
        });
        return present ? List.of() : List.of("no default deny-all NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
    }

    /** No Secret with values, and no generated Secret: what the base ships must hold no credentials. */
    List<String> noSecretObjects() {
        return all(Secret.class).stream().map(secret -> id(secret) + " is a Secret with values in the manifests").toList();
    }

    /**
     * Every Secret the workloads reference, by key or as a volume, is in the manifests with that key, except the
     * optional references and the Secrets named as created outside them.
     */
    List<String> unresolvedSecretReferences(Set<String> createdOutside) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : workloads()) {
            workload.allContainers().forEach(container -> {
                for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    SecretKeySelector ref = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
                    if (ref == null || Boolean.TRUE.equals(ref.getOptional()) || createdOutside.contains(ref.getName())) {
                        continue;
                    }
                    Optional<Secret> secret = named(Secret.class, ref.getName());
                    boolean hasKey = secret.isPresent()
                            && (Optional.ofNullable(secret.get().getData()).orElse(Map.of()).containsKey(ref.getKey())
                                || Optional.ofNullable(secret.get().getStringData()).orElse(Map.of()).containsKey(ref.getKey()));
                    if (!hasKey) {
                        violations.add(workload.id() + " reads key " + ref.getKey() + " of Secret " + ref.getName()
                                + ", which the manifests do not have");
                    }
                }
            });
            for (Volume volume : Optional.ofNullable(workload.pod().getVolumes()).orElse(List.of())) {
                if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())
                        && !createdOutside.contains(volume.getSecret().getSecretName())
                        && named(Secret.class, volume.getSecret().getSecretName()).isEmpty()) {
                    violations.add(workload.id() + " mounts Secret " + volume.getSecret().getSecretName()
                            + ", which the manifests do not have");
                }
            }
        }
        return violations;
    }

    /** Every service container runs a native image (tag ending in "native") and sets no JVM variable. */
    List<String> nativeImages() {
        List<String> violations = new ArrayList<>();
        for (Deployment deployment : all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = id(deployment) + " container " + container.getName();
                String image = container.getImage();
                String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
                if (!tag.endsWith("native")) {
                    violations.add(where + " runs " + image + ", not a native image");
                }
                for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (ServiceEnvironment.IMAGE_VARIABLES.contains(variable.getName())) {
                        violations.add(where + " sets the JVM variable " + variable.getName() + " on a native image");
                    }
                }
            }
        }
        return violations;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return selector != null
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && matches(selector.getMatchLabels(), labels);
    }
}
