package dev.devskyy.cli;

import dev.devskyy.cli.shell.Shell;
import dev.devskyy.runtime.Cancellation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code devskyy shell}: an interactive session over the same commands and runtime, under the
 * grants given here. JLine is reached only from {@link #call}, so building the command tree for
 * any other command never loads it.
 */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = {
            "An interactive shell: the CLI's commands with completion and history, every call under the grants "
                    + "given here (nothing unless granted with --allow/--root/--allow-host/--policy).",
            "Ctrl-C cancels the running call, Ctrl-D or 'exit' leaves. See docs/shell.md."
        })
final class ShellCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    PolicyOptions policy;

    @Mixin
    RuntimeOptions runtimeOptions;

    ShellCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ShellScope scope = new ShellScope(policy.resolve(context), runtimeOptions.auditLog, new Cancellation());
        return Shell.run(context, scope);
    }
}
