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
 * @param tools built on first use: commands that list or call no tool never pay for it
 * @param server the MCP face, for {@code serve}
 * @param terminal the process's terminal, to ask for a password; null when it has none
 */
public record CliContext(
        InputStream in,
        PrintStream out,
        PrintStream err,
        Map<String, String> env,
        Supplier<ToolRegistry> tools,
        ToolServer server,
        PasswordPrompt terminal) {

    public CliContext {
        env = Map.copyOf(env);
    }
}
