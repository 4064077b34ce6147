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

/**
 * {@code devskyy verify wordpress URL}: the wordpress_audit tool. The network is granted to the
 * hosts on this command line only: the site's and each --allow-host.
 */
@Command(
        name = "wordpress",
        mixinStandardHelpOptions = true,
        description = "Audit a WordPress/WooCommerce site from outside, as an attacker who has not logged in sees "
                + "it; exit 1 when a finding reaches --fail-on.")
final class VerifyWordPressCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "URL", description = "The site's root, https:// (http:// needs --allow-http).")
    String url;

    @Option(names = "--allow-http", description = "Fetch an http:// site over plain http.")
    boolean allowHttp;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Mixin
    NetworkOptions network;

    @Mixin
    FailOnOption failOn;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyWordPressCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments =
                Json.object().put("url", url).put("allow_http", allowHttp).put("fail_on", failOn.severity());
        ToolCallResult result = invocation.run("wordpress_audit", arguments, Map.of(), network.access(url));
        return Verdict.failsWhen("failed").report(invocation, result, json);
    }
}
