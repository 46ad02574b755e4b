package dev.earshot.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

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

    /**
     * Reads its settings from {@code config} when first used rather than through injected properties: a missing
     * production credential is then reported by {@link ProductionSecrets}, naming its variable, instead of
     * failing the injection with the property's name.
     */
    public Broker(Config config) {
        BrokerSettings settings = BrokerSettings.of(
                config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"),
                config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672),
                config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"),
                config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"),
                config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"))
                .withTimeouts(duration(config, "earshot.messaging.connect-timeout", "3s"),
                        duration(config, "earshot.messaging.confirm-timeout", "5s"));
        String application = config.getOptionalValue("quarkus.application.name", String.class).orElse("earshot");
        this.connection = new BrokerConnection(settings, application + "-publisher");
        Map<String, BuiltinExchangeType> declared = new LinkedHashMap<>();
        config.getOptionalValues("earshot.messaging.publish-exchanges", String.class).orElse(List.of())
                .forEach(name -> declared.put(name, BuiltinExchangeType.TOPIC));
        this.publisher = new ConfirmedPublisher(connection, settings.confirmTimeout(), declared);
    }

    private static Duration duration(Config config, String name, String fallback) {
        return config.getOptionalValue(name, Duration.class).orElse(Duration.parse("PT" + fallback.toUpperCase()));
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
