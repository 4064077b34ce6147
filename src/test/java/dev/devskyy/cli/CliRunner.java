package dev.devskyy.cli;

import dev.devskyy.runtime.ToolRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** Runs the CLI in-process with captured streams and a private state directory. */
final class CliRunner {
    record Run(int code, String out, String err) {}

    private final Supplier<ToolRegistry> registry;
    private final Path stateHome;
    private String stdin = "";

    CliRunner(ToolRegistry registry, Path stateHome) {
        this(() -> registry, stateHome);
    }

    CliRunner(Supplier<ToolRegistry> registry, Path stateHome) {
        this.registry = registry;
        this.stateHome = stateHome;
    }

    CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    Run run(String... args) {
        return run(context -> Cli.run(args, context));
    }

    /** Runs {@code args} through picocli's model of the whole command tree, whatever the line. */
    Run runThroughTheTree(String... args) {
        return run(context -> Cli.commandLine(context).execute(args));
    }

    private Run run(ToIntFunction<CliContext> cli) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("XDG_STATE_HOME", stateHome.toString(), "HOME", stateHome.toString()),
                registry,
                new dev.devskyy.mcp.McpServer(),
                null);
        int code = cli.applyAsInt(context);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
