package dev.devskyy.cli;

import dev.devskyy.runtime.PostgresState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code devskyy state migrate}: brings a shared database's schema to this build's version. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Create or upgrade the schema of a shared state database (one transaction per "
                + "version; safe to run from several machines at once). The password comes from "
                + PostgresState.PASSWORD_VARIABLE + ".")
final class StateMigrateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    StateDatabaseOption database;

    StateMigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (PostgresState shared = database.connect(context)) {
            int before = shared.migrate();
            context.out()
                    .println(
                            before == PostgresState.VERSION
                                    ? "state database already at schema version " + PostgresState.VERSION
                                    : "state database migrated from schema version " + before + " to "
                                            + PostgresState.VERSION);
        }
        return 0;
    }
}
