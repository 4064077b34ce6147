package dev.devskyy.cli;

import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.StateDirectory;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the runtime keeps its state and writes its audit lines. */
final class RuntimeOptions {
    @Option(
            names = "--audit-log",
            paramLabel = "FILE|-",
            description = "Append one JSON line per call here; - is stderr (default: audit.log in the state "
                    + "directory, $XDG_STATE_HOME/devskyy or ~/.local/state/devskyy).")
    String auditLog;

    ToolRuntime newRuntime(CliContext context) {
        Path state = StateDirectory.resolve(context.env());
        // in the shell, a command without its own --audit-log writes where the session's go
        String target =
                auditLog == null && context.shell() != null ? context.shell().auditLog() : auditLog;
        AuditLog audit;
        if ("-".equals(target)) {
            audit = AuditLog.to(context.err());
        } else {
            audit = AuditLog.appendingTo(target == null ? state.resolve("audit.log") : Path.of(target));
        }
        return new ToolRuntime(context.tools().get(), IdempotencyStore.in(state), audit);
    }
}
