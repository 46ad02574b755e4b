package dev.earshot.messaging;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Tells an outage (worth waiting out: retry the same work later) from a failure that the same input will meet
 * again (dead-letter it). Only what says "the other side is not there or not answering" counts as transient; a
 * service adds what it knows of its own stores (e.g. PostgreSQL's connection and serialization SQLSTATEs).
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        return isTransient(failure, t -> false);
    }

    public static boolean isTransient(Throwable failure, Predicate<Throwable> alsoTransient) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof SocketException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof PublishFailedException
                    || t instanceof ShutdownSignalException || t instanceof AlreadyClosedException
                    || alsoTransient.test(t)) {
                return true;
            }
            String type = t.getClass().getName();
            // Vert.x clients (PostgreSQL, Redis) report a dropped or refused connection with these types
            if (type.endsWith("ClosedConnectionException") || type.endsWith("ConnectionPoolTooBusyException")
                    || type.endsWith("NoStackTraceTimeoutException") || type.endsWith("ConnectTimeoutException")
                    || type.endsWith("AnnotatedConnectException") || type.endsWith("NativeIoException")) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Connection is closed") || message.contains("Connection was closed")
                    || message.contains("Connection refused") || message.contains("connection closed")
                    || message.contains("Timeout waiting for connection"))) {
                return true;
            }
        }
        return false;
    }

    /** The failure in one line: its type and message, and the root cause where it differs. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String head = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (root == failure) {
            return head;
        }
        return head + " (caused by " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
}
