package dev.earshot.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.earshot.testing.ServiceProcess;

/** A private redis-server with the append-only file on (fsync every second), as production runs it. */
final class PrivateRedis implements PrivateServer {

    final int port = ServiceProcess.freePort();
    private final Path directory;
    private Process process;

    PrivateRedis(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    String url(int database) {
        return "redis://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void start() {
        process = Shell.spawn(directory.resolve("redis-server.out"), List.of("redis-server", "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", directory.toString(), "--appendonly", "yes",
                "--appendfsync", "everysec", "--save", "", "--daemonize", "no", "--logfile",
                directory.resolve("redis.log").toString()));
        for (int i = 0; i < 120; i++) {
            if (Shell.run(5, "redis-cli", "-p", Integer.toString(port), "ping").output().contains("PONG")) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Shell.sleep(250);
        }
        throw new IllegalStateException("private redis-server on port " + port + " did not start; see "
                + directory.resolve("redis.log"));
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Redis flushes the append-only file and exits
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
