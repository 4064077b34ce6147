package dev.devskyy.cli;

import dev.devskyy.runtime.PostgresState;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --state URL} of the {@code state} commands: the shared database, which they require. */
final class StateDatabaseOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--state",
            required = true,
            paramLabel = "URL",
            description = "The database: postgresql://HOST[:PORT]/DATABASE?user=NAME.")
    String state;

    /** A pool of connections to it; the password comes from the environment. */
    PostgresState connect(CliContext context) {
        if (!PostgresState.isDatabase(state)) {
            throw new ParameterException(spec.commandLine(), "--state must be a postgresql:// URL");
        }
        return PostgresState.connect(state, context.env());
    }
}
