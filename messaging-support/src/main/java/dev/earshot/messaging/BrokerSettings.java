package dev.earshot.messaging;

import java.time.Duration;

import com.rabbitmq.client.ConnectionFactory;

/** Where the broker is and how long to wait for it; the same keys the SmallRye connector reads. */
public record BrokerSettings(String host, int port, String username, String password, String virtualHost,
        Duration connectTimeout, Duration confirmTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    public static BrokerSettings of(String host, int port, String username, String password, String virtualHost) {
        return new BrokerSettings(host, port, username, password, virtualHost, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_CONFIRM_TIMEOUT);
    }

    public BrokerSettings withTimeouts(Duration connect, Duration confirm) {
        return new BrokerSettings(host, port, username, password, virtualHost, connect, confirm);
    }

    ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost == null || virtualHost.isBlank() ? "/" : virtualHost);
        factory.setConnectionTimeout((int) connectTimeout.toMillis());
        factory.setHandshakeTimeout((int) Math.max(connectTimeout.toMillis(), 5_000));
        factory.setRequestedHeartbeat(30);
        // A lost connection is noticed by the next publish and replaced then; recovering channels behind the
        // caller's back would lose the confirms of the batch in flight.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }
}
