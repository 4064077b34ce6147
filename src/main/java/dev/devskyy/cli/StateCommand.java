package dev.devskyy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy state}: the state that instances share (docs/remote.md). */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Manage the state devskyy instances share in PostgreSQL (see docs/remote.md).",
        subcommands = {StateMigrateCommand.class, StateAuditCommand.class})
final class StateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: migrate or audit");
    }
}
