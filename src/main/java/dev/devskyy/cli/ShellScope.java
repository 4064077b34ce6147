package dev.devskyy.cli;

import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Cancellation;
import java.util.Objects;

/**
 * What {@code devskyy shell} fixes for every command it runs: who calls with what grants (the
 * session's, in place of what a one-shot command would grant over the files it names), where the
 * audit lines go, and the signal that Ctrl-C raises to cancel the running call.
 *
 * @param auditLog as {@code --audit-log}: a file, {@code -} for stderr, or null for the state directory's
 */
public record ShellScope(Caller caller, String auditLog, Cancellation cancellation) {
    public ShellScope {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /** The same scope with a fresh signal, for the next command. */
    public ShellScope forNextCommand() {
        return new ShellScope(caller, auditLog, new Cancellation());
    }

    /** The same scope for another caller (the shell's {@code actor} command). */
    public ShellScope as(Caller other) {
        return new ShellScope(other, auditLog, cancellation);
    }
}
