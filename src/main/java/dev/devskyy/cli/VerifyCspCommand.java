package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy verify csp POLICY}: the csp_evaluate tool, failing the build on serious findings. */
@Command(
        name = "csp",
        mixinStandardHelpOptions = true,
        description = "Evaluate a Content Security Policy; exit 1 when a finding reaches --fail-on.")
final class VerifyCspCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "POLICY|-|@FILE", description = "The header value, stdin, or a file holding it.")
    String policy;

    @Option(names = "--report-only", description = "The policy is sent as Content-Security-Policy-Report-Only.")
    boolean reportOnly;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Mixin
    FailOnOption failOn;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyCspCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object();
        arguments.put("policy", invocation.text(policy));
        arguments.put("report_only", reportOnly);
        arguments.put("fail_on", failOn.severity());
        ToolCallResult result = invocation.run("csp_evaluate", arguments, Map.of(), CommandAccess.NONE);
        return Verdict.failsWhen("failed").report(invocation, result, json);
    }
}
