package dev.devskyy.cli;

import dev.devskyy.runtime.PostgresState;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code devskyy state audit}: the shared audit log as JSON lines on stdout, for a log collector. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Print the shared audit log as JSON lines on stdout, oldest first, each with its seq "
                + "first; --follow keeps printing new lines. The password comes from "
                + PostgresState.PASSWORD_VARIABLE + ".")
final class StateAuditCommand implements Callable<Integer> {
    private static final int BATCH = 1000;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final CliContext context;

    @Mixin
    StateDatabaseOption database;

    @Option(
            names = "--after",
            paramLabel = "SEQ",
            defaultValue = "0",
            description = "Only the lines after this seq (where a collector left off; default: all).")
    long after;

    @Option(names = "--follow", description = "Keep printing lines as instances write them, until stopped.")
    boolean follow;

    StateAuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        try (PostgresState shared = database.connect(context)) {
            long seq = after;
            while (true) {
                int[] printed = {0};
                seq = shared.auditAfter(seq, BATCH, line -> {
                    context.out().println(line);
                    printed[0]++;
                });
                context.out().flush();
                if (printed[0] < BATCH) {
                    if (!follow) {
                        return 0;
                    }
                    Thread.sleep(POLL.toMillis());
                }
            }
        }
    }
}
