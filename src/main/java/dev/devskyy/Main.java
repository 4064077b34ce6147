package dev.devskyy;

import dev.devskyy.cli.Cli;
import dev.devskyy.cli.CliContext;

/** Wires the process's streams and environment into the CLI; nothing else. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CliContext context =
                new CliContext(System.in, System.out, System.err, System.getenv(), ToolCatalogue::registry);
        System.exit(Cli.run(args, context));
    }
}
