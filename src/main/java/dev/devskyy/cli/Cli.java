package dev.devskyy.cli;

import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.ThrowableErrors;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/** Builds the picocli command tree over a {@link CliContext} and runs it to an exit code. */
public final class Cli {
    /** How {@code devskyy --help} groups its commands; every command must be in one group. */
    static final Map<String, List<String>> COMMAND_GROUPS = groups();

    private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

    /** The tool a command calls, by command, where preparing it ahead pays. */
    private static final Map<String, String> TOOL_TO_PREPARE = Map.of("scan", ScanCommand.TOOL);

    private Cli() {}

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("Serve", List.of("serve", "state"));
        groups.put("Tools", List.of("tools", "agents", "shell"));
        groups.put("Encryption", List.of("encrypt", "decrypt", "rotate", "keygen"));
        groups.put("Verification", List.of("scan", "verify", "csp", "jwt"));
        return groups;
    }

    public static int run(String[] args, CliContext context) {
        // over stdio a host waits for the handshake; over HTTP the options come first (the address)
        if (isPlain("serve", args)
                && Arrays.stream(args).noneMatch(a -> a.equals("--http") || a.startsWith("--http="))) {
            return serveWhileParsing(Arrays.copyOfRange(args, 1, args.length), context);
        }
        HotCommand hot = HotCommand.of(args, context);
        if (hot != null) {
            return hot.run(context);
        }
        if (namesACommand(args)) {
            prepareWhileParsing(context, args[0]);
        }
        return commandLine(context, args).execute(args);
    }

    private static boolean namesACommand(String[] args) {
        return args.length > 0 && DevskyyCommand.COMMANDS.containsKey(args[0]);
    }

    /**
     * The command tree for {@code args}: the root with only the command they name, when their first
     * word is one (see {@link #root}), otherwise the whole tree (root options, help, a misspelling).
     */
    public static CommandLine commandLine(CliContext context, String[] args) {
        if (namesACommand(args)) {
            return root(context, Set.of(args[0]));
        }
        return commandLine(context);
    }

    /**
     * The hottest command lines, run without picocli: loading its classes (Java 5 class files,
     * which JDK 25's AOT cache does not hold) and modelling even one command costs more than
     * these commands' own work. Only exact lines qualify, and each runs what picocli would have
     * run (HotCommandTest holds both paths to the same output); anything else, help and
     * misspellings included, goes through picocli.
     */
    private record HotCommand(String name, Callable<Integer> command) {
        static HotCommand of(String[] args, CliContext context) {
            List<String> line = List.of(args); // word by word: "tools list" as one word is no hot line
            if (line.equals(List.of("--version")) || line.equals(List.of("-V"))) {
                return new HotCommand("devskyy", () -> {
                    for (String version : new DevskyyCommand.Version().getVersion()) {
                        context.out().println(version);
                    }
                    return ExitCodes.SUCCESS;
                });
            }
            if (line.equals(List.of("tools", "list")) || line.equals(List.of("tools", "list", "--json"))) {
                ToolsListCommand list = new ToolsListCommand(context);
                list.json = line.size() == 3;
                return new HotCommand("devskyy tools list", list);
            }
            return null;
        }

        int run(CliContext context) {
            try {
                return command.call();
            } catch (Exception e) {
                return failed(e, name, new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Builds the tool registry, and prepares the command's tool ({@link ToolSpec#prepare}), on
     * another core while picocli models and parses the command line: a scan of a small repository
     * (a pre-commit hook) spent half its time on the two, one after the other. Whatever fails here
     * fails again where the command uses it, and is reported there.
     */
    private static void prepareWhileParsing(CliContext context, String command) {
        Thread preparing = new Thread(
                () -> {
                    try {
                        LoggerFactory.getILoggerFactory(); // logging starts: every tool call has a logger
                        ToolRuntime.prepare();
                        ToolRegistry tools = context.tools().get();
                        String tool = TOOL_TO_PREPARE.get(command);
                        if (tool != null) {
                            tools.find(tool).ifPresent(ToolSpec::prepare);
                        }
                    } catch (RuntimeException | Error e) {
                        // not lost: the command builds and prepares again, and reports the failure
                    }
                },
                "devskyy-prepare");
        preparing.setDaemon(true);
        preparing.start();
    }

    /** {@code command} with options only, no help or version request (how MCP hosts start serve). */
    private static boolean isPlain(String command, String[] args) {
        return args.length > 0 && command.equals(args[0]) && Arrays.stream(args).noneMatch(HELP_OR_VERSION::contains);
    }

    /**
     * Serves at once and reads the options meanwhile on another core. An MCP host waits for the
     * handshake, which needs no option, while picocli's first command model costs about 100 ms.
     * Invalid options are reported on stderr, to every request that needs them, and by exit code 2.
     * The same thread then builds the tool registry, which a host lists right after the
     * handshake. (Built from the start on a third thread instead, it slowed the handshake's answer
     * by 15-35 %, measured side by side, for no faster listing: two cores.)
     */
    private static int serveWhileParsing(String[] serveArgs, CliContext context) {
        CompletableFuture<ToolServer.Options> options = new CompletableFuture<>();
        Thread parser = new Thread(
                () -> {
                    try {
                        options.complete(parseServe(serveArgs, context));
                    } catch (RuntimeException | Error e) {
                        // (an Error too: the registry's build, which --agent waits for, rethrows its own)
                        // the session repeats this to every request that needs the options: sanitized once, here
                        ToolError error = asError(e, serveArgs);
                        context.err().println(error.oneLine());
                        options.completeExceptionally(error);
                    }
                    try {
                        context.tools().get();
                    } catch (RuntimeException | Error e) {
                        // not lost: every request that needs the registry gets this failure again
                    }
                },
                "devskyy-options");
        parser.setDaemon(true);
        parser.start();
        try {
            return ServeCommand.serve(context, options);
        } catch (IOException e) {
            ToolError error = ThrowableErrors.toToolError("devskyy serve", e);
            context.err().println(error.oneLine());
            return ExitCodes.forError(error.code());
        }
    }

    private static ToolServer.Options parseServe(String[] serveArgs, CliContext context) {
        ServeCommand serve = new ServeCommand(context);
        CommandLine line = new CommandLine(serve, new ContextFactory(context));
        line.setExpandAtFiles(false);
        line.parseArgs(serveArgs);
        return serve.options();
    }

    private static ToolError asError(Throwable failure, String[] args) {
        if (failure instanceof ParameterException usage) {
            return ToolError.of(ErrorCode.E4001, SecretArguments.message(usage, args));
        }
        return ThrowableErrors.toToolError("devskyy serve", failure);
    }

    /** The full command tree, wired to {@code context}; also the model for man pages and completion. */
    public static CommandLine commandLine(CliContext context) {
        return root(context, DevskyyCommand.COMMANDS.keySet());
    }

    /**
     * The root command with only the {@code commands} named. A command line whose first word is a
     * command needs no other: picocli's model of the whole tree cost about 250 ms on JDK 17 when
     * its classes were not in the class-data archive, and still costs more than {@code tools list}
     * itself. Parsing, messages and help
     * are the same as in the whole tree, which only the root's own help lists.
     */
    private static CommandLine root(CliContext context, Set<String> commands) {
        DevskyyCommand root = new DevskyyCommand();
        ContextFactory factory = new ContextFactory(context);
        CommandLine cli = new CommandLine(root, factory);
        DevskyyCommand.COMMANDS.forEach((name, type) -> {
            if (commands.contains(name)) {
                cli.addSubcommand(new CommandLine(type, factory));
            }
        });
        wired(cli, context, root::configureLogging);
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cli::groupedCommands);
        cli.getCommandSpec().usageMessage().commandListHeading("").footer(ExitCodes.TABLE);
        return cli;
    }

    /** The streams, the handlers and the exit codes every command line of devskyy has. */
    private static CommandLine wired(CommandLine cli, CliContext context, Runnable configureLogging) {
        // "@FILE" is ours (--args-json @FILE), not picocli's argument-file expansion.
        cli.setExpandAtFiles(false);
        cli.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionStrategy(parseResult -> {
            Integer helpShown = CommandLine.executeHelpRequest(parseResult);
            if (helpShown != null) {
                return helpShown;
            }
            configureLogging.run();
            return new RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((e, args) -> {
            context.err().println("E4001 INVALID_INPUT: " + SecretArguments.message(e, args));
            context.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler(Cli::onFailure);
        return cli;
    }

    private static int onFailure(Exception e, CommandLine command, ParseResult parseResult) {
        return failed(e, command.getCommandSpec().qualifiedName(), command.getErr());
    }

    private static int failed(Exception e, String commandName, PrintWriter err) {
        ToolError error = ThrowableErrors.toToolError(commandName, e);
        err.println(error.oneLine());
        if (error.code() == ErrorCode.E5003) {
            // for a bug report: the frames, never the messages, which may quote data or keys
            err.println(ThrowableErrors.traceWithoutMessages(e));
        }
        return ExitCodes.forError(error.code());
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
