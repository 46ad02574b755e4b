package dev.earshot.e2e.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what response-service stored, straight from its PostgreSQL database: a mention row exists only
 * together with its task (one transaction), and its {@code received_at} is response-service's clock when
 * it stored the mention (set in the storing transaction, so a few milliseconds before the commit).
 */
final class StoredPosts implements AutoCloseable {

    private final Connection connection;

    StoredPosts(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(true);
    }

    /** Mentions stored so far (all of them: the database is the run's own). */
    long count() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM mention");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@code received_at} in epoch microseconds of every stored mention whose id starts with {@code prefix}. */
    Map<String, Long> receivedAt(String prefix) throws SQLException {
        Map<String, Long> received = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, received_at FROM mention WHERE starts_with(id, ?)")) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    received.put(rows.getString(1), Clock.micros(rows.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return received;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
