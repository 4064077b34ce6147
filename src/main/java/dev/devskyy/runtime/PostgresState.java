package dev.devskyy.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * devskyy's state in a PostgreSQL database that every instance shares ({@code --state
 * postgresql://HOST[:PORT]/DB?user=NAME}): the installation secret, the idempotency entries
 * ({@link PostgresIdempotency}: one execution per key across all instances), the audit log
 * ({@link PostgresAudit}: an append-only table) and per-actor rate limits ({@link #rateLimit}).
 * Connections come from a small HikariCP pool. The schema is versioned and changed only by
 * {@code devskyy state migrate}; serving with a database of another version is refused.
 *
 * <p>The password is never on the command line, where other users of the machine could read it:
 * it comes from {@code DEVSKYY_STATE_PASSWORD} (or the driver's own {@code .pgpass} lookup).
 */
public final class PostgresState implements AutoCloseable {
    /** The schema version this build reads and writes. */
    public static final int VERSION = 1;

    public static final String PASSWORD_VARIABLE = "DEVSKYY_STATE_PASSWORD";
    /** Connections for keyed calls, each held while its call runs. */
    private static final int POOL_SIZE = 16;
    /** Connections for one statement at a time (audit lines, rate counts): never starved by keyed calls. */
    private static final int SHORT_POOL_SIZE = 4;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Serializes concurrent migrations of one database (an arbitrary, fixed advisory lock key). */
    private static final long MIGRATION_LOCK = 0x64657673_6b797901L;

    private final HikariDataSource pool;
    private final HikariDataSource shortPool;

    private PostgresState(HikariDataSource pool, HikariDataSource shortPool) {
        this.pool = pool;
        this.shortPool = shortPool;
    }

    /** Whether {@code state} names a database rather than a directory. */
    public static boolean isDatabase(String state) {
        return state.startsWith("postgresql://") || state.startsWith("postgres://");
    }

    /**
     * A pool of connections to the database {@code url} names.
     *
     * @throws ToolError E4001 for a malformed URL or one that carries a password, E5004 when the
     *     database cannot be reached
     */
    public static PostgresState connect(String url, Map<String, String> env) {
        String jdbc = jdbcUrl(url);
        HikariDataSource calls = pool(jdbc, env, "devskyy-state", POOL_SIZE);
        try {
            return new PostgresState(calls, pool(jdbc, env, "devskyy-state-short", SHORT_POOL_SIZE));
        } catch (RuntimeException e) {
            calls.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbc, Map<String, String> env, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc);
        String password = env.get(PASSWORD_VARIABLE);
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw failure("connect", e);
        }
    }

    /** {@code postgresql://host:port/db?user=u} as the driver's {@code jdbc:postgresql://…}. */
    static String jdbcUrl(String url) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw ToolError.of(ErrorCode.E4001, "--state is not a URL: expected postgresql://HOST[:PORT]/DATABASE");
        }
        if (parsed.getHost() == null
                || parsed.getRawPath() == null
                || parsed.getRawPath().length() < 2) {
            throw ToolError.of(
                    ErrorCode.E4001, "--state must name a host and a database: postgresql://HOST[:PORT]/DATABASE");
        }
        if (parsed.getRawUserInfo() != null
                || (parsed.getRawQuery() != null && parsed.getRawQuery().contains("password"))) {
            // refused before anything is reported: the URL is never echoed
            throw ToolError.of(
                    ErrorCode.E4001,
                    "--state must not carry credentials (the command line is visible to other users): name the user as "
                            + "?user=NAME and give the password in " + PASSWORD_VARIABLE);
        }
        return "jdbc:postgresql://" + parsed.getRawAuthority() + parsed.getRawPath()
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
    }

    /**
     * Brings the schema to {@link #VERSION}: each missing step in one transaction with its version
     * row, concurrent migrations serialized by an advisory lock.
     *
     * @return the version before (0 for an empty database)
     */
    public int migrate() {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS devskyy_schema (version integer PRIMARY KEY, "
                        + "applied_at timestamptz NOT NULL DEFAULT now())");
            }
            int before = version(connection);
            for (int step = before + 1; step <= VERSION; step++) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(script(step));
                    statement.execute("INSERT INTO devskyy_schema (version) VALUES (" + step + ")");
                }
            }
            try (PreparedStatement secret = connection.prepareStatement(
                    "INSERT INTO devskyy_installation (secret) VALUES (?) ON CONFLICT DO NOTHING")) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                secret.setBytes(1, key);
                secret.executeUpdate();
            }
            connection.commit();
            return before;
        } catch (SQLException e) {
            throw failure("migrate", e);
        }
    }

    /**
     * The shared installation secret, once the schema is this build's.
     *
     * @throws ToolError E5005 when the database has not been migrated to {@link #VERSION}
     */
    public InstallationSecret secret() {
        try (Connection connection = pool.getConnection()) {
            int version = schemaVersion(connection);
            if (version != VERSION) {
                throw ToolError.of(
                        ErrorCode.E5005,
                        "the state database is at schema version " + version + ", this devskyy needs " + VERSION
                                + ": run devskyy state migrate --state URL");
            }
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT secret FROM devskyy_installation")) {
                if (!row.next()) {
                    throw ToolError.of(
                            ErrorCode.E5005,
                            "the state database has no installation secret: run devskyy state migrate");
                }
                return InstallationSecret.of(row.getBytes(1));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** The version recorded, 0 when the database holds no devskyy schema. */
    private static int schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("SELECT to_regclass('devskyy_schema') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        return version(connection);
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM devskyy_schema")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String script(int version) {
        String name = "state/V" + version + "__shared_state.sql";
        try (InputStream in = PostgresState.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the build's migration " + name + " cannot be read", e);
        }
    }

    /** A connection a keyed call holds while it runs. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection for a statement or two. */
    Connection shortConnection() throws SQLException {
        return shortPool.getConnection();
    }

    /**
     * The audit lines after {@code seq}, oldest first, each as written with its {@code seq} first
     * (where a collector resumes), at most {@code limit} of them.
     *
     * @return the last seq printed ({@code seq} when there was none)
     */
    public long auditAfter(long seq, int limit, Consumer<String> line) {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, line::text FROM devskyy_audit WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, seq);
            select.setInt(2, limit);
            long last = seq;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    String text = rows.getString(2);
                    line.accept("{\"seq\":" + last + "," + text.substring(text.indexOf('{') + 1));
                }
            }
            return last;
        } catch (SQLException e) {
            throw failure("read the audit log", e);
        }
    }

    /** The idempotency entries of every instance, kept for {@code ttl}. */
    public Idempotency idempotency(Duration ttl) {
        return new PostgresIdempotency(this, secret(), ttl);
    }

    /** The audit log of every instance. */
    public AuditLog audit() {
        return new PostgresAudit(this);
    }

    /**
     * At most {@code calls} a minute per actor, counted by every instance together: one row per actor
     * and minute, incremented in one statement. A database that cannot count lets the call through
     * (and logs it): the limit guards capacity, never access.
     */
    public RateLimit rateLimit(int calls) {
        AtomicLong taken = new AtomicLong();
        return actor -> {
            if (taken.incrementAndGet() % 1000 == 0) {
                forgetOldWindows();
            }
            try (Connection connection = shortPool.getConnection();
                    PreparedStatement count = connection.prepareStatement(
                            "INSERT INTO devskyy_rate AS r (actor, window_start, calls) "
                                    + "VALUES (?, date_trunc('minute', now()), 1) ON CONFLICT (actor, window_start) "
                                    + "DO UPDATE SET calls = r.calls + 1 "
                                    + "RETURNING calls, extract(epoch FROM window_start + interval '1 minute' - now())")) {
                count.setString(1, actor);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getInt(1) <= calls) {
                        return Optional.empty();
                    }
                    return Optional.of(Duration.ofMillis((long) (row.getDouble(2) * 1000)));
                }
            } catch (SQLException e) {
                LoggerFactory.getLogger(PostgresState.class).warn("rate limit not counted: {}", e.getMessage());
                return Optional.empty();
            }
        };
    }

    private void forgetOldWindows() {
        try (Connection connection = shortPool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM devskyy_rate WHERE window_start < now() - interval '1 hour'");
        } catch (SQLException e) {
            LoggerFactory.getLogger(PostgresState.class).warn("old rate windows not deleted: {}", e.getMessage());
        }
    }

    /**
     * A failure of the database, as the taxonomy's dependency failure. The driver's messages name the
     * host and the SQL state, never the password.
     */
    static ToolError failure(String action, Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null
                ? " (SQL state " + sql.getSQLState() + ")"
                : "";
        return ToolError.of(ErrorCode.E5004, "the state database (" + action + "): " + e.getMessage() + state)
                .retryable(true);
    }

    @Override
    public void close() {
        pool.close();
        shortPool.close();
    }
}
