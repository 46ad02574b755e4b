package dev.earshot.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

import dev.earshot.testing.ServiceProcess;

/**
 * A private PostgreSQL cluster (initdb, pg_ctl of the newest {@code /usr/lib/postgresql/<version>/bin}),
 * run as the {@code postgres} system user on its own port and socket directory, trust authentication
 * on 127.0.0.1, with the role {@code earshot} the services log in as.
 */
final class PrivatePostgres implements PrivateServer {

    final int port = ServiceProcess.freePort();
    private final Path bin;
    private final Path directory;
    private final Path data;

    PrivatePostgres(Path preferredDirectory) {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparing(candidate -> Integer.parseInt(
                            candidate.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed under /usr/lib/postgresql", e);
        }
        directory = Shell.directoryFor("postgres", preferredDirectory);
        data = directory.resolve("data");
        Shell.check(120, "runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
    }

    @Override
    public String name() {
        return "postgresql";
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void start() {
        Shell.check(120, "runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", directory.resolve("postgresql.log").toString(), "-w", "-t", "90", "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=60", "start");
    }

    @Override
    public void stop() {
        Shell.run(120, "runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Creates the role {@code earshot} (once) and a new, empty database it owns. */
    void createDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE ROLE earshot LOGIN PASSWORD 'earshot'");
            } catch (SQLException e) {
                // exists already
            }
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " OWNER earshot");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
