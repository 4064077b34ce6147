package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.RetryPolicy;
import dev.devskyy.runtime.ToolAnnotations;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolListing;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devskyy tools describe NAME}: everything the runtime knows about one tool. */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = "Show a tool's schemas, permissions, annotations, timeout and retry policy.")
final class ToolsDescribeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "The tool's name.")
    String name;

    @Option(names = "--json", description = "Print the description as JSON.")
    boolean json;

    ToolsDescribeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolSpec spec = context.tools()
                .get()
                .find(name)
                .orElseThrow(() -> ToolError.of(ErrorCode.E4004, "no tool named '" + name + "'"));
        context.out().print(json ? Json.pretty(asJson(spec)) + "\n" : asText(spec));
        return ExitCodes.SUCCESS;
    }

    private static ObjectNode asJson(ToolSpec spec) {
        ObjectNode node = ToolListing.entry(spec);
        node.put("version", spec.version());
        node.put("timeoutMs", spec.timeout().toMillis());
        node.put("idempotent", spec.idempotent());
        ObjectNode retry = node.putObject("retryPolicy");
        RetryPolicy policy = spec.retryPolicy();
        retry.put("maxRetries", policy.maxRetries());
        retry.put("initialBackoffMs", policy.initialBackoff().toMillis());
        retry.put("maxBackoffMs", policy.maxBackoff().toMillis());
        retry.put("multiplier", policy.multiplier());
        return node;
    }

    private static String asText(ToolSpec spec) {
        ToolAnnotations a = spec.annotations();
        String permissions = spec.permissions().isEmpty()
                ? "none"
                : spec.permissions().stream().map(ToolPermission::wireName).collect(Collectors.joining(", "));
        return spec.name() + " " + spec.version() + " - " + spec.title() + "\n"
                + "  " + spec.description() + "\n\n"
                + "permissions:   " + permissions + "\n"
                + "annotations:   readOnlyHint=" + a.readOnly() + " destructiveHint=" + a.destructive()
                + " idempotentHint=" + a.idempotent() + " openWorldHint=" + a.openWorld() + "\n"
                + "timeout:       " + spec.timeout().toMillis() + " ms\n"
                + "idempotent:    " + (spec.idempotent() ? "yes" : "no") + "\n"
                + "retries:       " + retries(spec.retryPolicy()) + "\n\n"
                + "input schema:\n" + Json.pretty(spec.inputSchema()) + "\n\n"
                + "output schema:\n" + Json.pretty(spec.outputSchema()) + "\n";
    }

    private static String retries(RetryPolicy policy) {
        if (policy.maxRetries() == 0) {
            return "none";
        }
        return "up to " + policy.maxRetries() + ", backoff from "
                + policy.initialBackoff().toMillis() + " ms x"
                + policy.multiplier() + " to " + policy.maxBackoff().toMillis()
                + " ms (idempotent tools or calls with an idempotency key only)";
    }
}
