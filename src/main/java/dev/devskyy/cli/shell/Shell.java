package dev.devskyy.cli.shell;

import dev.devskyy.cli.Cli;
import dev.devskyy.cli.CliContext;
import dev.devskyy.cli.ShellScope;
import dev.devskyy.runtime.StateDirectory;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.terminal.TerminalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Signals;
import picocli.CommandLine;

/**
 * The shell's terminal: JLine reads, completes and edits lines, on stderr's side so that stdout
 * carries only the commands' output; a dumb terminal or a pipe gets no escape codes.
 */
public final class Shell {
    private Shell() {}

    /** Runs the session until exit or Ctrl-D; the exit code of the last command. */
    public static int run(CliContext context, ShellScope scope) {
        ToolRegistry tools = context.tools().get();
        CommandLine cli = Cli.commandLine(context);
        ShellHistory history = ShellHistory.in(StateDirectory.resolve(context.env()));
        ShellSession session = new ShellSession(context, scope, history, new HistoryRedaction(cli, tools));
        // In a pipe the terminal is no system one and sees no signal: SIGINT is caught here instead.
        // It cancels the running call (its audit line says so); with none running it ends the
        // session as it would end a script, exit code 130.
        Object pipeInterrupt = System.console() == null
                ? Signals.register("INT", () -> {
                    if (!session.interrupt()) {
                        System.exit(130);
                    }
                })
                : null;
        try (Terminal terminal = terminal(context)) {
            terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("devskyy")
                    .parser(new ShellParser())
                    .completer(new ShellCompleter(cli, tools, () -> RootedPaths.of(session.grants())))
                    .variable(LineReader.DISABLE_HISTORY, true)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ... ")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            history.lines().forEach(reader.getHistory()::add);
            String prompt = prompt(context, terminal);
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt drops the line
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                boolean goOn =
                        session.run(ShellLine.of(line, reader.getParsedLine().words()));
                if (session.lastRemembered() != null) {
                    // the in-memory history, like the file, holds only the redacted line
                    reader.getHistory().add(session.lastRemembered());
                }
                if (!goOn) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        } finally {
            if (pipeInterrupt != null) {
                Signals.unregister("INT", pipeInterrupt);
            }
        }
        return session.lastCode();
    }

    /**
     * On a terminal, the system's, drawn on stderr; otherwise (a pipe, a file) a dumb one reading
     * stdin and writing its prompts to stderr, so that stdout carries only the commands' output.
     */
    private static Terminal terminal(CliContext context) throws IOException {
        if (System.console() == null) {
            return TerminalBuilder.builder()
                    .system(false)
                    .dumb(true)
                    .type(Terminal.TYPE_DUMB)
                    .streams(context.in(), context.err())
                    .name("devskyy")
                    .build();
        }
        return TerminalBuilder.builder()
                .system(true)
                .dumb(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .name("devskyy")
                .build();
    }

    /** Bold where colour is welcome; plain on a dumb terminal, in a pipe, or with NO_COLOR. */
    private static String prompt(CliContext context, Terminal terminal) {
        boolean plain = !TerminalSettings.of(context.env()).colour()
                || Terminal.TYPE_DUMB.equals(terminal.getType())
                || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        String text = "devskyy> ";
        return plain ? text : new AttributedString(text, AttributedStyle.BOLD).toAnsi(terminal);
    }
}
