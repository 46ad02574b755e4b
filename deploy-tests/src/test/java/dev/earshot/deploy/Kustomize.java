package dev.earshot.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, the way {@code kubectl apply -k} would. */
final class Kustomize {

    private Kustomize() {
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
            throw new UncheckedIOException(
                    "cannot run kubectl (scripts/infra.sh installs Debian's kubectl package)", e);
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
