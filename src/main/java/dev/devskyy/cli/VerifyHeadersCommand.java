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
 * {@code devskyy verify headers URL}: the http_headers_check tool. The network is granted to the
 * hosts on this command line only: the URL's, --http-url's and each --allow-host.
 */
@Command(
        name = "headers",
        mixinStandardHelpOptions = true,
        description = "Grade a live page's security headers as Mozilla's HTTP Observatory does; exit 1 when a "
                + "failed test reaches --fail-on.")
final class VerifyHeadersCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "URL", description = "The page, https:// (http:// needs --allow-http).")
    String url;

    @Option(names = "--allow-http", description = "Fetch an http:// URL over plain http.")
    boolean allowHttp;

    @Option(
            names = "--http-url",
            paramLabel = "URL",
            description = "The plain-http URL whose redirect to https is checked (default: http://HOST/).")
    String httpUrl;

    @Mixin
    ReportFormatOption format;

    @Mixin
    NetworkOptions network;

    @Mixin
    FailOnOption failOn;

    @Mixin
    RuntimeOptions runtimeOptions;

    VerifyHeadersCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ToolInvocation invocation = new ToolInvocation(context, runtimeOptions);
        ObjectNode arguments = Json.object();
        arguments.put("url", url);
        if (httpUrl != null) {
            arguments.put("http_url", httpUrl);
        }
        arguments.put("allow_http", allowHttp);
        arguments.put("fail_on", failOn.severity());
        arguments.put("format", format.toolFormat());
        ToolCallResult result = invocation.run("http_headers_check", arguments, Map.of(), network.access(url, httpUrl));
        return Verdict.failsWhen("failed").report(invocation, result, format.json());
    }
}
