package dev.earshot.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Typed Kubernetes objects from YAML, through the fabric8 model. */
final class Manifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Manifests() {
    }

    /**
     * Every document of a multi-document YAML stream as its fabric8 model class (Deployment, Service, ...),
     * chosen by apiVersion and kind; kinds without a model class (operator CRDs) come back as
     * {@link GenericKubernetesResource}.
     */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.isBlank()) {
                continue;
            }
            Object parsed = Serialization.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
            objects.add(object);
        }
        return objects;
    }

    /**
     * The fields that the model did not know, as paths ({@code Deployment/x: spec.template.spec.containers[0].readinesProbe}).
     * fabric8 keeps unknown fields in each object's additional properties instead of failing, so a typo in
     * a field name would otherwise pass silently and the field be dropped by the API server.
     */
    static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            collectUnknownFields(object, "", found, 0);
        }
        String name = object.getKind() + "/" + object.getMetadata().getName() + ": ";
        return found.stream().map(path -> name + path).toList();
    }

    private static void collectUnknownFields(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + index++ + "]", found, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> collectUnknownFields(element, path + "[" + key + "]", found, depth + 1));
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown) {
                    unknown.keySet().forEach(key -> found.add(child(path, String.valueOf(key))));
                }
            } else {
                collectUnknownFields(property, child(path, propertyName(getter)), found, depth + 1);
            }
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean isPropertyGetter(Method method) {
        return method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getName().startsWith("get")
                && method.getDeclaringClass().getName().startsWith("io.fabric8.")
                && !method.getDeclaringClass().isInterface();
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
