package dev.earshot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own JVM
 * process in the prod profile, configured only through environment variables, as in production.
 * Used by the modules that test the packaged services from the outside ({@code e2e-tests},
 * {@code fault-tests}); they run with the module as working directory, so the repository is its parent.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path REPOSITORY_ROOT = Path.of("").toAbsolutePath().getParent();

    public final String name;
    public final int port;
    public final Path log;
    private final Map<String, String> environment;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Map<String, String> environment, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.environment = environment;
        this.process = process;
    }

    /** Starts {@code module} on a free port, its log in {@code target/e2e-logs/<module>.log}. */
    public static ServiceProcess start(String module, Map<String, String> environment) {
        return start(module, environment, freePort(), Path.of("target", "e2e-logs"));
    }

    /** Starts {@code module} on {@code port} with its log in {@code <logDirectory>/<module>.log}. */
    public static ServiceProcess start(String module, Map<String, String> environment, int port, Path logDirectory) {
        return start(module, environment, port, logDirectory, false);
    }

    private static ServiceProcess start(String module, Map<String, String> environment, int port, Path logDirectory,
            boolean appendLog) {
        Path jar = REPOSITORY_ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the whole build (mvn verify), not this module alone");
        }
        try {
            Path log = Files.createDirectories(logDirectory).resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", jar.toString()))
                    .directory(REPOSITORY_ROOT.resolve(module).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(module, port, log, Map.copyOf(environment), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same service started again with the same environment and port, its log appended to the earlier one. */
    public ServiceProcess restart() {
        return start(name, environment, port, log.getParent(), true);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's process id, e.g. to read its CPU time and memory from {@code /proc/<pid>/}. */
    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the end of the log otherwise. */
    public void awaitReady(Duration timeout) {
        awaitHealth("/q/health/ready", timeout);
    }

    /**
     * Waits until {@code /q/health/live} answers 200: the service has started, though it may not be ready
     * (e.g. while a service it publishes to is not there yet).
     */
    public void awaitLive(Duration timeout) {
        awaitHealth("/q/health/live", timeout);
    }

    private void awaitHealth(String path, Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not up (" + path + ") within " + timeout + ":\n" + logTail());
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the service without warning (SIGKILL), as a node failure or the OOM killer would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service the way Kubernetes does: SIGTERM, then a grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
