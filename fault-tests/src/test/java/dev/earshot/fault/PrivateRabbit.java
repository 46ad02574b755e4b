package dev.earshot.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.earshot.testing.ServiceProcess;

/**
 * A second RabbitMQ node of the suite's own: its own node name, AMQP and distribution ports, Mnesia
 * and log directories, configuration file (the machine's one binds 5672) and no plugins, run as the
 * {@code rabbitmq} system user like the machine's node and driven with {@code rabbitmqctl -n}. An outage
 * is {@code stop_app} (the AMQP port closes, connections drop) followed by {@code start_app}.
 */
final class PrivateRabbit implements PrivateServer {

    final int port = ServiceProcess.freePort();
    private final int distributionPort = ServiceProcess.freePort();
    final String node = "earshot-fault-" + ProcessHandle.current().pid() + "@localhost";
    private final Path directory;
    private Process process;

    PrivateRabbit(Path preferredDirectory) {
        directory = Shell.directoryFor("rabbitmq", preferredDirectory);
        try {
            Files.createDirectories(directory.resolve("mnesia"));
            Files.createDirectories(directory.resolve("log"));
            Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n"
                    + "disk_free_limit.absolute = 50MB\n");
            Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Shell.check(30, "chown", "-R", "rabbitmq:", directory.toString());
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    /** Starts the node (the Erlang VM and the broker) and waits until it serves AMQP. */
    void boot() {
        process = Shell.spawn(directory.resolve("rabbitmq-server.out"), List.of("runuser", "-u", "rabbitmq", "--",
                "env", "HOME=/var/lib/rabbitmq", "RABBITMQ_NODENAME=" + node, "RABBITMQ_NODE_PORT=" + port,
                "RABBITMQ_DIST_PORT=" + distributionPort,
                "RABBITMQ_MNESIA_BASE=" + directory.resolve("mnesia"), "RABBITMQ_LOG_BASE=" + directory.resolve("log"),
                "RABBITMQ_CONFIG_FILE=" + directory.resolve("rabbitmq.conf"),
                "RABBITMQ_ENABLED_PLUGINS_FILE=" + directory.resolve("enabled_plugins"),
                "RABBITMQ_PID_FILE=" + directory.resolve("rabbitmq.pid"),
                "/usr/lib/rabbitmq/bin/rabbitmq-server"));
        for (int i = 0; i < 90; i++) {
            if (Shell.run(20, "rabbitmqctl", "-n", node, "-q", "await_startup", "--timeout", "10").ok()) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Shell.sleep(1000);
        }
        throw new IllegalStateException("private RabbitMQ node " + node + " did not start; see "
                + directory.resolve("rabbitmq-server.out"));
    }

    @Override
    public void stop() {
        Shell.check(120, "rabbitmqctl", "-n", node, "-q", "stop_app");
    }

    @Override
    public void start() {
        Shell.check(180, "rabbitmqctl", "-n", node, "-q", "start_app");
    }

    /** A new virtual host the guest user may use. */
    void addVirtualHost(String vhost) {
        Shell.run(60, "rabbitmqctl", "-n", node, "-q", "delete_vhost", vhost);
        Shell.check(60, "rabbitmqctl", "-n", node, "-q", "add_vhost", vhost);
        Shell.check(60, "rabbitmqctl", "-n", node, "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    @Override
    public void close() {
        Shell.run(120, "rabbitmqctl", "-n", node, "-q", "stop");
        if (process != null) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
