package dev.devskyy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code devskyy verify experience SPEC.json --url URL}: the experience_verify tool. It reads the
 * spec's directory and reaches the URL's host and each --allow-host, nothing else.
 */
@Command(
        name = "experience",
        mixinStandardHelpOptions = true,
        description = "Check a live 3D collection page in headless Chromium against its Collection3DExperienceSpec; "
                + "exit 1 when a check fails.")
final class VerifyExperienceCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "SPEC.json", description = "A Collection3DExperienceSpec.")
    String spec;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "The page, https:// (http:// needs " + "--allow-http, or an IP address).")
    String url;

    @Option(names = "--allow-http", description = "Fetch the page and what it loads over plain http.")
    boolean allowHttp;

    @Mixin
    ReportFormatOption format;

    @Mixin
    NetworkOptions network;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyExperienceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object()
                .put("spec", spec)
                .put("url", url)
                .put("allow_http", allowHttp)
                .put("format", format.toolFormat());
        CommandAccess access = CommandAccess.reading(List.of(spec)).and(network.access(url));
        ToolCallResult result = invocation.run("experience_verify", arguments, Map.of(), access);
        return Verdict.failsWhen("failed").report(invocation, result, format.json());
    }
}
