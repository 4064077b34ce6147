package dev.devskyy.cli;

import dev.devskyy.logging.StderrLogging;
import dev.devskyy.runtime.BuildInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy}: the root command; options here apply to every subcommand. */
@Command(
        name = "devskyy",
        mixinStandardHelpOptions = true,
        versionProvider = DevskyyCommand.Version.class,
        description = "A permissioned security toolbox: MCP server, CLI and tool runtime.",
        footerHeading = "%nExit codes:%n")
final class DevskyyCommand implements Runnable {
    /**
     * The commands by name, in the order of {@code devskyy --help}. Added by {@link Cli} rather
     * than named in {@code @Command(subcommands)}, so that one command or none can be modelled
     * without the rest.
     */
    static final Map<String, Class<?>> COMMANDS = byName(
            ServeCommand.class,
            StateCommand.class,
            ToolsCommand.class,
            AgentsCommand.class,
            ShellCommand.class,
            EncryptCommand.class,
            DecryptCommand.class,
            KeygenCommand.class,
            RotateCommand.class,
            VerifyCommand.class,
            ScanCommand.class,
            CspCommand.class,
            JwtCommand.class);

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            description = "More log output on stderr: -v info, -vv debug, -vvv trace.")
    boolean[] verbose = new boolean[0];

    @Option(
            names = {"-q", "--quiet"},
            description = "Log errors only.")
    boolean quiet;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "trace, debug, info, warn, error or off; overrides -v and -q.")
    String logLevel;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    String logFormat;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: try 'devskyy --help'");
    }

    /** Applies the logging options; called before any subcommand runs. */
    void configureLogging() {
        StderrLogging.Format format;
        try {
            format = StderrLogging.Format.parse(logFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-format must be text or json");
        }
        if (logLevel != null && !logLevel.matches("(?i)trace|debug|info|warn|error|off")) {
            throw new ParameterException(
                    spec.commandLine(), "--log-level must be trace, debug, info, warn, error or off");
        }
        StderrLogging.apply(effectiveLevel(), format);
    }

    private String effectiveLevel() {
        if (logLevel != null) {
            return logLevel;
        }
        if (quiet) {
            return "error";
        }
        return switch (verbose.length) {
            case 0 -> "warn";
            case 1 -> "info";
            case 2 -> "debug";
            default -> "trace";
        };
    }

    private static Map<String, Class<?>> byName(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The version and commit baked in at build time: {@code devskyy 0.1.0 (commit abc1234)}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"devskyy " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")"};
        }
    }
}
