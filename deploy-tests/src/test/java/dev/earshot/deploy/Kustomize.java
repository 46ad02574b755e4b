package dev.earshot.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the way {@code kubectl apply -k} would. Where kubectl is
 * missing or older than 1.27 (whose built-in kustomize 5 the overlays need), every test that renders is skipped
 * with one line that says how to get it.
 */
final class Kustomize {

    /** The oldest kubectl minor version (of 1.x) with kustomize 5 built in. */
    static final int OLDEST_MINOR = 27;

    private static final Pattern MAJOR = Pattern.compile("\"major\"\\s*:\\s*\"(\\d+)");
    private static final Pattern MINOR = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)");

    /** Why kubectl cannot render here, once known; empty when it can. */
    private static Optional<String> unavailable;

    private Kustomize() {
    }

    /** Skips the calling test, with one line saying how to get kubectl, where no recent enough kubectl is on the PATH. */
    static void assumeKubectl() {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), reason::orElseThrow);
    }

    private static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            unavailable = whyUnavailable(kubectlVersion());
            // once per run on the console; every skipped test carries the same line in its report
            unavailable.ifPresent(reason -> System.err.println("[deploy-tests] " + reason));
        }
        return unavailable;
    }

    /**
     * Why the kubectl that printed {@code versionJson} ({@code kubectl version --client -o json}; empty when there is
     * no kubectl) cannot render the overlays, or empty when it can.
     */
    static Optional<String> whyUnavailable(Optional<String> versionJson) {
        String how = "install kubectl 1." + OLDEST_MINOR + " or newer as deploy/README.md ('Installing kubectl') says";
        if (versionJson.isEmpty()) {
            return Optional.of("kubectl is not on the PATH: the manifest checks are skipped; " + how);
        }
        Matcher major = MAJOR.matcher(versionJson.get());
        Matcher minor = MINOR.matcher(versionJson.get());
        if (!major.find() || !minor.find()) {
            throw new IllegalStateException("cannot read the version kubectl printed: " + versionJson.get());
        }
        String version = major.group(1) + "." + minor.group(1);
        if (Integer.parseInt(major.group(1)) == 1 && Integer.parseInt(minor.group(1)) < OLDEST_MINOR) {
            return Optional.of("kubectl " + version + " is too old for the overlays (no kustomize 5):"
                    + " the manifest checks are skipped; " + how);
        }
        return Optional.empty();
    }

    /** What {@code kubectl version --client -o json} prints, or empty when there is no kubectl to run. */
    private static Optional<String> kubectlVersion() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client", "-o", "json")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl version --client failed: " + output);
            }
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty(); // not on the PATH (or not executable)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root: the nearest directory above the working directory that holds deploy/kubernetes. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/kubernetes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path kubernetesDir() {
        return repositoryRoot().resolve("deploy/kubernetes");
    }

    /** The rendered YAML of the kustomization in {@code dir}; fails with kubectl's message when it cannot render. */
    static String render(Path dir) {
        assumeKubectl();
        Path stderr = null;
        try {
            stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            // read before waiting: a large rendering would otherwise fill the pipe and block kubectl
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(stderr));
            }
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
