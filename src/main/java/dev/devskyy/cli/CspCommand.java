package dev.devskyy.cli;

import dev.devskyy.runtime.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy csp}: Content Security Policy helpers. */
@Command(
        name = "csp",
        mixinStandardHelpOptions = true,
        description = "Content Security Policy helpers.",
        subcommands = {CspCommand.Build.class})
final class CspCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: build");
    }

    /** {@code devskyy csp build}: the csp_build tool. */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Print the platform's CSP with a fresh nonce, and its companion headers.")
    static final class Build implements Callable<Integer> {
        private final CliContext context;

        @Option(
                names = "--profile",
                paramLabel = "PROFILE",
                defaultValue = "default",
                description = "default, production or development (default: ${DEFAULT-VALUE}).")
        String profile;

        @Option(names = "--report-uri", paramLabel = "URI", description = "Where browsers send violation reports.")
        String reportUri;

        @Option(names = "--report-only", description = "Send it as Content-Security-Policy-Report-Only.")
        boolean reportOnly;

        @Option(names = "--json", description = "Print the headers and the nonce as JSON.")
        boolean json;

        @Mixin
        RuntimeOptions runtimeOptions;

        Build(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
            var arguments = Json.object().put("profile", profile.toLowerCase(java.util.Locale.ROOT));
            if (reportUri != null) {
                arguments.put("report_uri", reportUri);
            }
            arguments.put("report_only", reportOnly);
            var result = invocation.run("csp_build", arguments, Map.of(), CommandAccess.NONE);
            return json ? invocation.printJson(result) : invocation.print(result, false);
        }
    }
}
