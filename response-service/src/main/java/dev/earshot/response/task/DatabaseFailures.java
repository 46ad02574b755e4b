package dev.earshot.response.task;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * PostgreSQL failures that are an outage or a conflict, not a fault of the message: worth waiting out and
 * retrying the same message. Connection exceptions (class 08), insufficient resources (53), the server shutting
 * down or restarting (57P01-57P03), serialization failures (40001) and deadlocks (40P01).
 */
final class DatabaseFailures {

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03");

    private DatabaseFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state);
        }
        return false;
    }
}
