package dev.earshot.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the service under test and the real servers named in the init arg
 * {@code servers} (comma-separated: {@code redis}, {@code rabbitmq}, {@code postgresql}), so that a test can play
 * an outage of one of them with {@link #cut(String)} and end it with {@link #restore(String)}. Redis database and
 * PostgreSQL database follow {@code EARSHOT_TEST_REDIS_DB} (1) and {@code EARSHOT_TEST_DB} (earshot_test).
 */
public class ServerOutages implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, TcpProxy> PROXIES = new HashMap<>();
    private String servers = "redis,rabbitmq,postgresql";

    @Override
    public void init(Map<String, String> initArgs) {
        servers = initArgs.getOrDefault("servers", servers);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String server : servers.split(",")) {
            switch (server.trim()) {
                case "redis" -> {
                    TcpProxy proxy = proxy("redis", 6379);
                    config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port() + "/"
                            + System.getenv().getOrDefault("EARSHOT_TEST_REDIS_DB", "1"));
                }
                case "rabbitmq" -> config.put("rabbitmq-port", Integer.toString(proxy("rabbitmq", 5672).port()));
                case "postgresql" -> config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:"
                        + proxy("postgresql", 5432).port() + "/" + System.getenv().getOrDefault("EARSHOT_TEST_DB", "earshot_test"));
                default -> throw new IllegalArgumentException("unknown server " + server);
            }
        }
        return config;
    }

    private static synchronized TcpProxy proxy(String name, int port) {
        TcpProxy proxy = TcpProxy.start("127.0.0.1", port);
        PROXIES.put(name, proxy);
        return proxy;
    }

    /** The server seems down to the service: connections closed, new ones refused. */
    public static synchronized void cut(String server) {
        PROXIES.get(server).cut();
    }

    public static synchronized void restore(String server) {
        PROXIES.get(server).restore();
    }

    @Override
    public synchronized void stop() {
        PROXIES.values().forEach(TcpProxy::close);
        PROXIES.clear();
    }
}
