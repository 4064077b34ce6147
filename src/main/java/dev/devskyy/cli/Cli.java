package dev.devskyy.cli;

import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolError;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/** Builds the picocli command tree over a {@link CliContext} and runs it to an exit code. */
public final class Cli {
    /** How {@code devskyy --help} groups its commands; every command must be in one group. */
    static final Map<String, List<String>> COMMAND_GROUPS = groups();

    private Cli() {}

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("Serve", List.of("serve"));
        groups.put("Tools", List.of("tools"));
        return groups;
    }

    public static int run(String[] args, CliContext context) {
        if (args.length > 0 && "serve".equals(args[0])) {
            return serveCommandLine(context).execute(Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine(context).execute(args);
    }

    /**
     * Only the serve command: an MCP host waits for the handshake, and building the whole
     * command tree would double the time to answer it. The JSON machinery the handshake needs
     * loads meanwhile on another core.
     */
    private static CommandLine serveCommandLine(CliContext context) {
        Thread warmup = new Thread(Json::warmUp, "devskyy-warmup");
        warmup.setDaemon(true);
        warmup.start();
        CommandLine serve = new CommandLine(new ServeCommand(context), new ContextFactory(context));
        serve.setCommandName("devskyy serve");
        return wire(serve, context, () -> {});
    }

    /** The full command tree, wired to {@code context}; also the model for man pages and completion. */
    public static CommandLine commandLine(CliContext context) {
        DevskyyCommand root = new DevskyyCommand();
        CommandLine cli = wire(new CommandLine(root, new ContextFactory(context)), context, root::configureLogging);
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cli::groupedCommands);
        cli.getCommandSpec().usageMessage().commandListHeading("").footer(ExitCodes.TABLE);
        return cli;
    }

    /** Streams, error handling and the run order shared by every entry point. */
    private static CommandLine wire(CommandLine cli, CliContext context, Runnable beforeRun) {
        // "@FILE" is ours (--args-json @FILE), not picocli's argument-file expansion.
        cli.setExpandAtFiles(false);
        cli.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionStrategy(parseResult -> {
            Integer helpShown = CommandLine.executeHelpRequest(parseResult);
            if (helpShown != null) {
                return helpShown;
            }
            beforeRun.run();
            return new RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((e, args) -> {
            context.err().println("E4001 INVALID_INPUT: " + e.getMessage());
            context.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler(Cli::onFailure);
        return cli;
    }

    private static int onFailure(Exception e, CommandLine command, ParseResult parseResult) {
        if (e instanceof ToolError error) {
            command.getErr().println(error.oneLine());
            return ExitCodes.forError(error.code());
        }
        command.getErr().println("E5003 INTERNAL_ERROR: " + e);
        e.printStackTrace(command.getErr());
        return ExitCodes.INTERNAL;
    }

    /** The root's command list under group headings; subcommands keep picocli's plain list. */
    private static String groupedCommands(Help help) {
        if (help.commandSpec().parent() != null) {
            return help.commandList();
        }
        StringBuilder out = new StringBuilder();
        COMMAND_GROUPS.forEach((group, names) -> {
            Map<String, Help> members = new LinkedHashMap<>();
            names.forEach(name -> members.put(name, help.subcommands().get(name)));
            out.append(String.format("%n%s:%n", group)).append(help.commandList(members));
        });
        return out.toString();
    }

    /** Creates commands with the context; everything else the default way. */
    private static final class ContextFactory implements IFactory {
        private final CliContext context;
        private final IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
