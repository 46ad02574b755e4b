package dev.earshot.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.earshot.testing.DevJwt;
import dev.earshot.testing.ServiceProcess;

/**
 * The three packaged services on one set of fresh stores of the private servers (a new virtual host,
 * a new database, one Redis database), configured through environment variables as in production.
 * Each service keeps its port across restarts, so clients keep their URLs.
 */
final class Earshot implements AutoCloseable {

    static final String LISTENER = "listener-service";
    static final String SENTIMENT = "sentiment-service";
    static final String RESPONSE = "response-service";
    /** Webhook policy of the run: a delivery is attempted at most this often. */
    static final int WEBHOOK_MAX_ATTEMPTS = 3;

    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, ServiceProcess> running = new HashMap<>();
    private final Map<String, ServiceProcess> stopped = new HashMap<>();
    private final Path logs;
    final String jdbcUrl;

    Earshot(PrivateRabbit rabbit, PrivatePostgres postgres, PrivateRedis redis, String name, int redisDatabase,
            String algoliaUrl, Path logs) {
        this.logs = logs;
        String database = "earshot_" + name.replace('-', '_');
        rabbit.addVirtualHost(name);
        postgres.createDatabase(database);
        jdbcUrl = postgres.jdbcUrl(database);

        Map<String, String> common = new HashMap<>();
        common.put("EARSHOT_JWT_PUBLIC_KEY_LOCATION", DevJwt.publicKeyPem().toUri().toString());
        common.put("EARSHOT_JWT_ISSUER", DevJwt.ISSUER);
        common.put("RABBITMQ_HOST", "127.0.0.1");
        common.put("RABBITMQ_PORT", Integer.toString(rabbit.port));
        common.put("RABBITMQ_USERNAME", "guest");
        common.put("RABBITMQ_PASSWORD", "guest");
        common.put("RABBITMQ_VIRTUAL_HOST", name);

        Map<String, String> listener = new HashMap<>(common);
        listener.put("REDIS_URL", redis.url(redisDatabase));
        listener.put("EARSHOT_HACKERNEWS_BASE_URL", algoliaUrl);
        listener.put("EARSHOT_HACKERNEWS_POLL_INTERVAL", "2s");
        listener.put("EARSHOT_LISTENER_RULES_ACME_KEYWORD", "acme");
        // Outages here last 20 s: production's back-off (30 s doubling to 15 min) would only stretch the run.
        listener.put("EARSHOT_POLLER_BACKOFF_BASE", "1s");
        listener.put("EARSHOT_POLLER_BACKOFF_MAX", "5s");
        listener.put("EARSHOT_POLLER_CIRCUIT_OPEN_FOR", "10s");
        environments.put(LISTENER, listener);

        environments.put(SENTIMENT, new HashMap<>(common));

        Map<String, String> response = new HashMap<>(common);
        response.put("DB_REACTIVE_URL", postgres.reactiveUrl(database));
        response.put("DB_JDBC_URL", jdbcUrl);
        response.put("DB_USERNAME", "earshot");
        response.put("DB_PASSWORD", "earshot");
        response.put("EARSHOT_WEBHOOKS_ALLOWED_HOSTS", "localhost,127.0.0.1");
        response.put("EARSHOT_WEBHOOKS_MAX_ATTEMPTS", Integer.toString(WEBHOOK_MAX_ATTEMPTS));
        response.put("EARSHOT_WEBHOOKS_BACKOFF_BASE", "1s");
        response.put("EARSHOT_WEBHOOKS_BACKOFF_MAX", "2s");
        response.put("EARSHOT_WEBHOOKS_TIMEOUT", "2s");
        response.put("EARSHOT_WEBHOOKS_DISPATCH_INTERVAL", "1s");
        environments.put(RESPONSE, response);

        for (String module : environments.keySet()) {
            ports.put(module, ServiceProcess.freePort());
        }
    }

    String baseUrl(String module) {
        return "http://localhost:" + ports.get(module);
    }

    /** Starts a service (a new process on its port; after a kill, the same one again) without waiting for it. */
    synchronized ServiceProcess start(String module) {
        ServiceProcess earlier = stopped.remove(module);
        ServiceProcess process = earlier != null ? earlier.restart()
                : ServiceProcess.start(module, environments.get(module), ports.get(module), logs);
        running.put(module, process);
        return process;
    }

    ServiceProcess startReady(String module) {
        ServiceProcess process = start(module);
        process.awaitReady(Duration.ofSeconds(180));
        return process;
    }

    /**
     * Starts a service and waits until it is live only: a service whose downstream is missing may stay
     * unready (it holds what it cannot deliver), and the next one must start all the same.
     */
    ServiceProcess startLive(String module) {
        ServiceProcess process = start(module);
        process.awaitLive(Duration.ofSeconds(180));
        return process;
    }

    /** SIGKILL, as a crashed node or the OOM killer. */
    synchronized void kill(String module) {
        ServiceProcess process = running.remove(module);
        if (process != null) {
            process.kill();
            stopped.put(module, process);
        }
    }

    @Override
    public synchronized void close() {
        running.values().forEach(ServiceProcess::close);
        running.clear();
    }
}
