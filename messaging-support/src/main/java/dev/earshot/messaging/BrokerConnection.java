package dev.earshot.messaging;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * One AMQP connection of a service, opened on first use and replaced on the first use after it was lost. While
 * the broker is unreachable every caller fails fast (one connection attempt at a time, at most one every half
 * second) instead of queueing up behind the connect timeout. Remembers when the broker blocks publishers
 * (memory or disk alarm), so publishing can fail at once instead of hanging on a full socket.
 */
public final class BrokerConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);
    private static final long RECONNECT_GAP_NANOS = 500_000_000L;

    private final ConnectionFactory factory;
    private final String name;
    private Connection connection;
    private long lastFailureAt;
    private String lastFailure;
    private volatile String blockedReason;
    private volatile boolean closed;

    public BrokerConnection(BrokerSettings settings, String name) {
        this.factory = settings.connectionFactory();
        this.name = name;
    }

    /** A new channel on the live connection; connects first where needed. */
    public Channel openChannel() throws IOException {
        return connection().createChannel();
    }

    private synchronized Connection connection() throws IOException {
        if (closed) {
            throw new IOException("the broker connection of " + name + " is closed (shutting down)");
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        if (lastFailure != null && System.nanoTime() - lastFailureAt < RECONNECT_GAP_NANOS) {
            throw new IOException("broker unreachable: " + lastFailure);
        }
        try {
            Connection opened = factory.newConnection(name);
            opened.addBlockedListener(reason -> {
                blockedReason = reason;
                LOG.warnf("broker blocks publishers of %s: %s", name, reason);
            }, () -> {
                blockedReason = null;
                LOG.infof("broker unblocked publishers of %s", name);
            });
            opened.addShutdownListener(cause -> {
                if (!cause.isInitiatedByApplication()) {
                    LOG.warnf("broker connection of %s lost: %s", name, cause.getMessage());
                }
            });
            if (lastFailure != null) {
                LOG.infof("broker connection of %s open again", name);
            }
            connection = opened;
            lastFailure = null;
            blockedReason = null;
            return opened;
        } catch (IOException | TimeoutException e) {
            lastFailureAt = System.nanoTime();
            lastFailure = Failures.describe(e);
            throw new IOException("broker unreachable: " + lastFailure, e);
        }
    }

    /** Whether a connection is open now (does not connect). */
    public synchronized boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    /** Connects where needed; true when the broker answers. */
    public boolean ping() {
        try {
            connection();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why the broker blocks publishers now, or null. */
    public String blockedReason() {
        return blockedReason;
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing broker connection of %s: %s", name, e.getMessage());
            }
        }
    }
}
