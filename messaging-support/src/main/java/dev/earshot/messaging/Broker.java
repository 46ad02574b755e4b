package dev.earshot.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.rabbitmq.client.BuiltinExchangeType;

/**
 * The service's publishing side of RabbitMQ: one connection (named after the application) and a
 * {@link ConfirmedPublisher} that declares the topic exchanges listed in {@code earshot.messaging.publish-exchanges}.
 * Reads the same {@code rabbitmq-*} keys as the SmallRye connector, so both sides reach the same broker.
 */
@Singleton
public class Broker {

    private final BrokerConnection connection;
    private final ConfirmedPublisher publisher;

    public Broker(@ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "earshot") String application,
            @ConfigProperty(name = "earshot.messaging.publish-exchanges") Optional<List<String>> exchanges,
            @ConfigProperty(name = "earshot.messaging.connect-timeout", defaultValue = "3s") Duration connectTimeout,
            @ConfigProperty(name = "earshot.messaging.confirm-timeout", defaultValue = "5s") Duration confirmTimeout) {
        BrokerSettings settings = BrokerSettings.of(host, port, username, password, virtualHost)
                .withTimeouts(connectTimeout, confirmTimeout);
        this.connection = new BrokerConnection(settings, application + "-publisher");
        Map<String, BuiltinExchangeType> declared = new LinkedHashMap<>();
        exchanges.orElse(List.of()).forEach(name -> declared.put(name, BuiltinExchangeType.TOPIC));
        this.publisher = new ConfirmedPublisher(connection, confirmTimeout, declared);
    }

    public ConfirmedPublisher publisher() {
        return publisher;
    }

    /** The dead-letter queue of one of this service's consumer queues. */
    public DeadLetterQueue deadLetterQueue(String queue, String deadLetterQueue) {
        return new DeadLetterQueue(connection, publisher, queue, deadLetterQueue);
    }

    /** Whether the broker answers now (connects where needed, fails fast while it is down). */
    public boolean reachable() {
        return connection.ping();
    }

    @PreDestroy
    void close() {
        connection.close();
    }
}
