package dev.devskyy;

import dev.devskyy.cli.Cli;
import dev.devskyy.cli.CliContext;
import dev.devskyy.io.PasswordPrompt;
import dev.devskyy.mcp.McpServer;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Wires the process's streams, terminal and environment into the CLI; nothing else. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: MCP hosts often start us with no LANG at all.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        Console console = System.console();
        // "%s": the question is shown as it is, never read as a format
        PasswordPrompt terminal = console == null ? null : question -> console.readPassword("%s", question);
        // stdin through a channel: closing it wakes a thread blocked reading it, so `serve` can
        // exit at once on a signal (see mcp.Session#stopAndHalt); a plain stream's close does not.
        InputStream in = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
        CliContext context =
                new CliContext(in, out, err, env, () -> ToolCatalogue.registry(env), new McpServer(), terminal);
        int code = Cli.run(args, context);
        out.flush();
        System.exit(code);
    }
}
