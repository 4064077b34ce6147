package dev.devskyy.cli;

import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.PostgresState;
import dev.devskyy.runtime.RateLimit;
import dev.devskyy.runtime.StateDirectory;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Where the runtime keeps its state and writes its audit lines. */
final class RuntimeOptions {
    @Option(
            names = "--audit-log",
            paramLabel = "FILE|-",
            description = "Append one JSON line per call here; - is stderr (default: audit.log in the state "
                    + "directory, $XDG_STATE_HOME/devskyy or ~/.local/state/devskyy).")
    String auditLog;

    @Option(
            names = "--state",
            paramLabel = "DIR|URL",
            description = "Where idempotency keys and the audit log live: a directory (default: "
                    + "$XDG_STATE_HOME/devskyy or ~/.local/state/devskyy), or a PostgreSQL database every "
                    + "instance shares, postgresql://HOST[:PORT]/DATABASE?user=NAME (password in "
                    + PostgresState.PASSWORD_VARIABLE + "; create its schema with devskyy state migrate).")
    String state;

    /** The shared database, connected once per command. */
    private PostgresState database;

    private synchronized PostgresState database(CliContext context) {
        if (database == null) {
            database = PostgresState.connect(state, context.env());
        }
        return database;
    }

    private boolean sharesState() {
        return state != null && PostgresState.isDatabase(state);
    }

    /** At most {@code perMinute} calls per actor: counted by every instance when the state is a database. */
    RateLimit rateLimit(CliContext context, int perMinute) {
        return sharesState()
                ? database(context).rateLimit(perMinute)
                : RateLimit.perMinute(perMinute, Clock.systemUTC());
    }

    ToolRuntime newRuntime(CliContext context) {
        // in the shell, a command without its own --audit-log writes where the session's go
        String target =
                auditLog == null && context.shell() != null ? context.shell().auditLog() : auditLog;
        if (sharesState()) {
            PostgresState shared = database(context);
            AuditLog audit = target == null ? shared.audit() : auditTo(target, context);
            return new ToolRuntime(context.tools().get(), shared.idempotency(IdempotencyStore.DEFAULT_TTL), audit);
        }
        Path directory = state != null ? Path.of(state) : StateDirectory.resolve(context.env());
        AuditLog audit = auditTo(target == null ? directory.resolve("audit.log").toString() : target, context);
        return new ToolRuntime(context.tools().get(), IdempotencyStore.in(directory), audit);
    }

    /** {@code -}: stderr; anything else a file. */
    private static AuditLog auditTo(String target, CliContext context) {
        return "-".equals(target) ? AuditLog.to(context.err()) : AuditLog.appendingTo(Path.of(target));
    }
}
