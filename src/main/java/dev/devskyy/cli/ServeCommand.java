package dev.devskyy.cli;

import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy serve}: the MCP server on stdin/stdout, for Claude and other MCP hosts. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the MCP server on stdin/stdout (JSON-RPC 2.0, one message per line).")
final class ServeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "100",
            description = "Tools per tools/list page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(
            names = "--max-message-bytes",
            paramLabel = "BYTES",
            defaultValue = "4M",
            converter = SizeConverter.class,
            description = "Longer input lines are rejected and skipped (default: ${DEFAULT-VALUE}, 4 MiB).")
    long maxMessageBytes;

    @Option(
            names = "--max-in-flight-bytes",
            paramLabel = "BYTES",
            defaultValue = "64M",
            converter = SizeConverter.class,
            description = "Budget for the parsed requests in progress; a request that would go over it is "
                    + "refused (default: ${DEFAULT-VALUE}, 64 MiB).")
    long maxInFlightBytes;

    @Option(
            names = "--max-result-bytes",
            paramLabel = "BYTES",
            defaultValue = "8M",
            converter = SizeConverter.class,
            description = "A larger tool result (text plus structured content) is E4001 (default: "
                    + "${DEFAULT-VALUE}, 8 MiB).")
    long maxResultBytes;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "At end of input or on SIGTERM, calls in progress get this long to finish before "
                    + "they are cancelled; SIGINT cancels at once (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Mixin
    PolicyOptions policy;

    @Mixin
    RuntimeOptions runtimeOptions;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        return serve(context, CompletableFuture.completedFuture(options()));
    }

    /**
     * The options as the server needs them, once parsed.
     *
     * @throws ParameterException or {@link dev.devskyy.runtime.ToolError} for invalid ones
     */
    ToolServer.Options options() {
        if (pageSize < 1 || maxMessageBytes < 1 || maxInFlightBytes < 1 || maxResultBytes < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page-size, --max-message-bytes, --max-in-flight-bytes and --max-result-bytes must be positive");
        }
        return new ToolServer.Options(
                context.tools(),
                () -> runtimeOptions.newRuntime(context).limitResults(maxResultBytes),
                policy.resolve(context),
                pageSize,
                maxMessageBytes,
                maxInFlightBytes,
                shutdownGrace);
    }

    /** Serves with stdout reserved for the protocol: anything else that prints goes to stderr. */
    static int serve(CliContext context, CompletableFuture<ToolServer.Options> options) throws IOException {
        PrintStream systemOut = System.out;
        System.setOut(context.err());
        try {
            return context.server().serve(new ToolServer.Settings(context.in(), context.out(), options));
        } finally {
            System.setOut(systemOut);
        }
    }
}
