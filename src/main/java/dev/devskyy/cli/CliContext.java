package dev.devskyy.cli;

import dev.devskyy.io.PasswordPrompt;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolServer;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the CLI may touch of the outside world, injected so that tests run it in-process.
 *
 * @param tools built on first use, once for the context and those made from it: commands that
 *     list or call no tool never pay for it
 * @param server the MCP face, for {@code serve}
 * @param terminal the process's terminal, to ask for a password; null when it has none
 * @param shell what the shell fixes for the command it runs; null outside the shell
 */
public record CliContext(
        InputStream in,
        PrintStream out,
        PrintStream err,
        Map<String, String> env,
        Supplier<ToolRegistry> tools,
        ToolServer server,
        PasswordPrompt terminal,
        ShellScope shell) {

    public CliContext {
        env = Map.copyOf(env);
        if (!(tools instanceof Built<?>)) {
            tools = Built.onFirstUse(tools);
        }
    }

    /** A context outside the shell. */
    public CliContext(
            InputStream in,
            PrintStream out,
            PrintStream err,
            Map<String, String> env,
            Supplier<ToolRegistry> tools,
            ToolServer server,
            PasswordPrompt terminal) {
        this(in, out, err, env, tools, server, terminal, null);
    }

    /** This context, for a command the shell runs within {@code scope}. */
    public CliContext inShell(ShellScope scope) {
        return new CliContext(in, out, err, env, tools, server, terminal, scope);
    }
}
