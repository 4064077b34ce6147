package dev.devskyy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy tools}: list, describe and call the tools of the runtime. */
@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        description = "List, describe and call tools.",
        subcommands = {ToolsListCommand.class, ToolsDescribeCommand.class, ToolsCallCommand.class})
final class ToolsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: list, describe or call");
    }
}
