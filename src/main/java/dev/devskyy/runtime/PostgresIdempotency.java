package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency entries in the shared database: one execution per key across every instance. A slot
 * is a transaction that holds a transaction-scoped advisory lock on the entry's id, taken without
 * blocking in the server (so a cancelled call stops waiting); the lock ends with the transaction,
 * and with the connection when an instance dies mid-call, so a killed instance never holds an entry.
 * A call that stored nothing (it failed, or its instance died) leaves the entry free for the next.
 */
final class PostgresIdempotency implements Idempotency {
    private final PostgresState state;
    private final InstallationSecret secret;
    private final Duration ttl;

    PostgresIdempotency(PostgresState state, InstallationSecret secret, Duration ttl) {
        this.state = state;
        this.secret = secret;
        this.ttl = ttl;
    }

    @Override
    public InstallationSecret secret() {
        return secret;
    }

    @Override
    public Slot claim(String tool, ToolCallRequest request) {
        String id;
        try {
            id = Idempotency.entryId(secret, tool, request);
        } catch (IOException e) {
            throw ToolError.of(ErrorCode.E5004, "the installation secret cannot be used: " + e.getMessage());
        }
        Connection connection = null;
        try {
            connection = state.connection();
            connection.setAutoCommit(false);
            Connection held = connection;
            Waiting.until(() -> tryLock(held, id) ? Boolean.TRUE : null, request.cancellation()::isCancelled);
            return new HeldSlot(connection, tool, id);
        } catch (SQLException | IOException e) {
            close(connection);
            throw PostgresState.failure("lock", e);
        } catch (RuntimeException e) {
            close(connection); // cancelled while waiting: the connection goes back unlocked
            throw e;
        }
    }

    private static boolean tryLock(Connection connection, String id) throws IOException {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, id);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is going back broken: the pool replaces it
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }

    private final class HeldSlot implements Slot {
        private final Connection connection;
        private final String tool;
        private final String id;

        HeldSlot(Connection connection, String tool, String id) {
            this.connection = connection;
            this.tool = tool;
            this.id = id;
        }

        @Override
        public Optional<Stored> find() {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT arguments_hmac, output, stored_at FROM devskyy_idempotency WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    if (row.getTimestamp(3).toInstant().plus(ttl).isBefore(Instant.now())) {
                        delete();
                        return Optional.empty();
                    }
                    JsonNode output = Json.parse(row.getString(2));
                    if (!(output.get("structuredContent") instanceof ObjectNode structured)) {
                        throw ToolError.of(ErrorCode.E5004, "idempotency entry " + id + " is damaged");
                    }
                    return Optional.of(new Stored(
                            row.getString(1), new ToolOutput(output.path("text").asText(), structured)));
                }
            } catch (SQLException | IOException e) {
                throw PostgresState.failure("read", e);
            }
        }

        private void delete() throws SQLException {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM devskyy_idempotency WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        }

        @Override
        public void put(Stored stored) {
            ObjectNode output = Json.object();
            output.put("text", stored.output().text());
            output.set("structuredContent", stored.output().structured());
            try (PreparedStatement upsert = connection.prepareStatement(
                            "INSERT INTO devskyy_idempotency (id, tool, arguments_hmac, output, stored_at) "
                                    + "VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (id) DO UPDATE SET "
                                    + "arguments_hmac = excluded.arguments_hmac, output = excluded.output, "
                                    + "stored_at = excluded.stored_at");
                    PreparedStatement expire =
                            connection.prepareStatement("DELETE FROM devskyy_idempotency WHERE stored_at < ?")) {
                Instant now = Instant.now();
                upsert.setString(1, id);
                upsert.setString(2, tool);
                upsert.setString(3, stored.argumentsHmac());
                upsert.setString(4, Json.compact(output));
                upsert.setTimestamp(5, Timestamp.from(now));
                upsert.executeUpdate();
                expire.setTimestamp(1, Timestamp.from(now.minus(ttl)));
                expire.executeUpdate();
                // stored before the lock is released: the next holder of this entry finds it
                connection.commit();
            } catch (SQLException e) {
                throw PostgresState.failure("write", e);
            }
        }

        @Override
        public void close() {
            PostgresIdempotency.close(connection);
        }
    }
}
