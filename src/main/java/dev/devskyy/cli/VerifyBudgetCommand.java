package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy verify budget SPEC.json}: the budget_verify tool; exit 1 when over budget. */
@Command(
        name = "budget",
        mixinStandardHelpOptions = true,
        description = "Check a 3D collection experience's glTF assets and bundle against its performance budget.")
final class VerifyBudgetCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "SPEC.json", description = "A Collection3DExperienceSpec.")
    String spec;

    @Option(
            names = "--assets",
            paramLabel = "DIR",
            description = "Where the spec's asset paths start (default: its directory).")
    String assets;

    @Option(names = "--bundle", paramLabel = "DIR|FILE", description = "The JavaScript bundle to weigh.")
    String bundle;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyBudgetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object().put("spec", spec);
        List<String> files = new ArrayList<>(List.of(spec));
        if (assets != null) {
            arguments.put("assets", assets);
            files.add(CommandAccess.entryOf(assets));
        }
        if (bundle != null) {
            arguments.put("bundle", bundle);
            files.add(bundle);
        }
        ToolCallResult result = invocation.run("budget_verify", arguments, Map.of(), CommandAccess.reading(files));
        return Verdict.failsWhen("over_budget").report(invocation, result, json);
    }
}
