package dev.earshot.listener.support;

import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import dev.earshot.testing.DevJwt;

/**
 * The packaged listener ({@code target/quarkus-app/quarkus-run.jar}) as its own JVM process in the prod
 * profile, configured through environment variables, as in production (after e2e-tests' ServiceProcess).
 */
public final class ListenerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    private ListenerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * What every packaged listener needs in the prod profile, which has no default credentials: the test
     * broker with its user and password, and the test JWT key. A test adds its own settings.
     */
    public static Map<String, String> prodEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_HOST", "127.0.0.1");
        env.put("RABBITMQ_VIRTUAL_HOST", ListenerTestSupport.TEST_VHOST);
        env.put("RABBITMQ_USERNAME", "guest");
        env.put("RABBITMQ_PASSWORD", "guest");
        env.put("EARSHOT_JWT_PUBLIC_KEY_LOCATION", "file:" + DevJwt.publicKeyPem());
        env.put("EARSHOT_JWT_ISSUER", DevJwt.ISSUER);
        return env;
    }

    /** Starts the jar with {@code environment} on top of this JVM's (a null value removes a variable). */
    public static ListenerProcess start(String name, Map<String, String> environment) {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn verify (the jar is packaged before *IT tests)");
        }
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                    jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
            environment.forEach((key, value) -> {
                if (value == null) {
                    builder.environment().remove(key);
                } else {
                    builder.environment().put(key, value);
                }
            });
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ListenerProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the listener exited with " + process.exitValue() + ":\n"
                            + logTail());
                }
                try {
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the listener was not ready within " + timeout + ":\n" + logTail(), e);
        }
    }

    /** Waits until the process ends by itself; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the listener still runs after " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
