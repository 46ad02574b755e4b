package dev.earshot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A plain AMQP client on the local RabbitMQ for tests that check what really sits in a queue:
 * publish raw (even malformed) bytes, read a dead-letter queue, purge. Each test module uses its own
 * virtual host (created by {@code scripts/infra.sh}) so tests never meet a running local system.
 */
public final class TestBroker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public TestBroker(String virtualHost) {
        this(System.getProperty("earshot.test.rabbitmq.host", "127.0.0.1"),
                Integer.getInteger("earshot.test.rabbitmq.port", 5672), virtualHost);
    }

    /** A client of the broker on {@code host:port} (the fault suite runs a private one on another port). */
    public TestBroker(String host, int port, String virtualHost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost(virtualHost);
        try {
            connection = factory.newConnection("earshot-test-broker");
            channel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ on " + host + ":" + port + " vhost " + virtualHost
                    + " is not reachable; run scripts/infra.sh first", e);
        }
    }

    /** Publishes persistent bytes with the given content type to an exchange. */
    public void publish(String exchange, String routingKey, byte[] body, String contentType) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(contentType).deliveryMode(2).headers(Map.of()).build();
        try {
            channel.basicPublish(exchange, routingKey, properties, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String exchange, String routingKey, String json) {
        publish(exchange, routingKey, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Publishes persistent JSON carrying an AMQP message id, as the services' publishers do. */
    public void publish(String exchange, String routingKey, String json, String messageId) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(messageId).headers(Map.of()).build();
        try {
            channel.basicPublish(exchange, routingKey, properties, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes one message off a queue (auto-ack), or null when the queue is empty. */
    public Received take(String queue) {
        try {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                return null;
            }
            return new Received(new String(response.getBody(), StandardCharsets.UTF_8), response.getProps());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public long messageCount(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void purge(String queue) {
        try {
            channel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares a durable queue bound to a topic exchange, to observe what a service publishes. */
    public void tap(String exchange, String queue) {
        tap(exchange, queue, "#");
    }

    /** Like {@link #tap(String, String)}, for the messages whose routing key matches {@code bindingKey} only. */
    public void tap(String exchange, String queue, String bindingKey) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, bindingKey);
            channel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes one binding of a queue. */
    public void unbind(String exchange, String queue, String bindingKey) {
        try {
            channel.queueUnbind(queue, exchange, bindingKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares a durable queue bound to nothing (reachable through the default exchange by its name). */
    public void declareQueue(String queue) {
        try {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a queue, so that a tap does not go on collecting what later test runs publish. */
    public void deleteQueue(String queue) {
        try {
            channel.queueDelete(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message as it sat in the queue. */
    public record Received(String body, AMQP.BasicProperties properties) {
    }
}
