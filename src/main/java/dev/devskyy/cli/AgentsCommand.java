package dev.devskyy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy agents}: the platform's agents and what each may do. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "List and show the agent profiles (see docs/agents.md).",
        subcommands = {AgentsListCommand.class, AgentsShowCommand.class})
final class AgentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: list or show");
    }
}
