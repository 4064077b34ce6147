package dev.devskyy.runtime;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as rows of the shared database, appended and never changed (a trigger refuses
 * updates and deletes). The lines of calls that finish together go in one transaction
 * ({@link GroupCommit}); a call's line is committed before {@link #record} returns, so before its
 * answer is sent. A failure to write is reported on the log and never fails the call it describes.
 */
final class PostgresAudit implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAudit.class);

    private final GroupCommit<String> lines;

    PostgresAudit(PostgresState state) {
        this.lines = new GroupCommit<>(batch -> {
            try (Connection connection = state.shortConnection();
                    PreparedStatement insert =
                            connection.prepareStatement("INSERT INTO devskyy_audit (line) VALUES (?::json)")) {
                connection.setAutoCommit(false);
                for (String line : batch) {
                    insert.setString(1, line);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    @Override
    public void record(Entry entry) {
        try {
            lines.write(entry.toJsonLine().strip());
        } catch (IOException e) {
            LOG.warn("could not write the audit log to the state database: {}", e.getMessage());
        }
    }
}
