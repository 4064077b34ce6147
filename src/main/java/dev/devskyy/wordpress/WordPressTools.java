package dev.devskyy.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.Printable;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.RetryPolicy;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.runtime.WebClient;
import dev.devskyy.wordpress.WordPressAudit.Answer;
import dev.devskyy.wordpress.WordPressAudit.Finding;
import dev.devskyy.wordpress.WordPressAudit.Report;
import dev.devskyy.wordpress.WordPressAudit.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code wordpress_audit}: what a WordPress site tells someone who has not logged in (docs/network.md). */
public final class WordPressTools {
    /** The home page is read whole up to here; every other answer up to {@link #MAX_ANSWER_BYTES}. */
    static final long MAX_HOME_BYTES = 2L * 1024 * 1024;

    static final long MAX_ANSWER_BYTES = 256L * 1024;

    private WordPressTools() {}

    /**
     * @param env the server's environment, where the REST client finds its site and credentials
     * @param headerSummary the security-header grade of a page, as the header check gives it
     */
    public static List<ToolSpec> all(Map<String, String> env, Function<List<HttpResponse>, JsonNode> headerSummary) {
        return List.of(audit(headerSummary), WordPressReadTools.tool(env));
    }

    static ToolSpec audit(Function<List<HttpResponse>, JsonNode> headerSummary) {
        return ToolSpec.builder("wordpress_audit")
                .version("1.0.0")
                .title("Audit a WordPress site from outside")
                .description("What a WordPress/WooCommerce site tells an attacker who has not logged in: versions, "
                        + "users, xmlrpc, exposed files, open shop routes, security headers.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["url"],
                         "properties":{
                           "url":{"type":"string","minLength":1,"maxLength":8192,"description":"The site's root URL."},
                           "allow_http":{"type":"boolean","default":false,"description":"Fetch an http:// site over plain http."},
                           "fail_on":{"type":"string","enum":["high","medium","low","info"],"default":"high"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "required":["url","wordpress","users","plugins","findings","failed"],
                         "properties":{
                           "url":{"type":"string"},"wordpress":{"type":"boolean"},"version":{"type":"string"},
                           "users":{"type":"array","items":{"type":"string"}},
                           "plugins":{"type":"object","additionalProperties":{"type":"string"}},
                           "findings":{"type":"array","items":{"type":"object","required":["check","severity","title","path","evidence"],
                             "properties":{"check":{"type":"string"},"severity":{"type":"string"},"title":{"type":"string"},
                               "path":{"type":"string"},"evidence":{"type":"string"}}}},
                           "headers":{"type":"object"},
                           "failed":{"type":"boolean"}}}
                        """)
                .permissions(ToolPermission.NETWORK_OUTBOUND)
                .timeout(Duration.ofSeconds(60))
                .idempotent(true)
                .retryPolicy(RetryPolicy.standard())
                .handler((args, context) -> run(args, context, headerSummary))
                .build();
    }

    private static ToolOutput run(
            JsonNode args, ToolCallContext context, Function<List<HttpResponse>, JsonNode> headerSummary) {
        WebAddress root = WebClient.address(args.get("url").asText());
        boolean allowHttp = args.path("allow_http").asBoolean();
        WebClient web = context.web();
        // the home page's failure is the site's: every other path may simply not answer
        List<HttpResponse> home = web.follow(root, new WebClient.Request("GET", MAX_HOME_BYTES, allowHttp, List.of()));
        WordPressAudit.Site site =
                path -> path.equals("/") ? answer(home.get(home.size() - 1)) : get(web, root.resolve(path), allowHttp);
        Report report = WordPressAudit.audit(site);
        Severity failOn = Severity.parse(args.path("fail_on").asText("high"));
        boolean failed = report.findings().stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0);
        JsonNode headers = report.wordpress() ? headerSummary.apply(home) : null;

        ObjectNode out = Json.object();
        out.put("url", root.toString());
        out.put("wordpress", report.wordpress());
        if (report.version() != null) {
            out.put("version", report.version());
        }
        ArrayNode users = out.putArray("users");
        report.users().forEach(users::add);
        ObjectNode plugins = out.putObject("plugins");
        report.plugins().forEach(plugins::put);
        ArrayNode findings = out.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject()
                    .put("check", f.check())
                    .put("severity", f.severity().id())
                    .put("title", f.title())
                    .put("path", f.path())
                    .put("evidence", f.evidence());
        }
        if (headers != null) {
            out.set("headers", headers);
        }
        out.put("failed", failed);
        return new ToolOutput(text(root, report, headers, failed, failOn), out);
    }

    private static Answer get(WebClient web, WebAddress address, boolean allowHttp) {
        try {
            List<HttpResponse> chain =
                    web.follow(address, new WebClient.Request("GET", MAX_ANSWER_BYTES, allowHttp, List.of()));
            return answer(chain.get(chain.size() - 1));
        } catch (ToolError e) {
            if (e.code() == ErrorCode.E6001 || e.code() == ErrorCode.E6002 || e.code() == ErrorCode.E4003) {
                return null; // this path did not answer usefully; the audit goes on with the others
            }
            throw e;
        }
    }

    private static Answer answer(HttpResponse response) {
        return new Answer(
                response.status(),
                response.address().toString(),
                response.headers().first("content-type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String text(WebAddress root, Report report, JsonNode headers, boolean failed, Severity failOn) {
        StringBuilder text = new StringBuilder();
        if (!report.wordpress()) {
            return text.append(root)
                    .append(": not a WordPress site (no generator tag, wp-content or REST index)")
                    .append("\n\npassed at --fail-on ")
                    .append(failOn.id())
                    .toString();
        }
        text.append(root).append(": WordPress").append(report.version() == null ? "" : " " + report.version());
        text.append('\n');
        if (!report.users().isEmpty()) {
            text.append("users an attacker can read: ")
                    .append(Printable.of(String.join(", ", report.users()), 500))
                    .append('\n');
        }
        if (headers != null) {
            text.append("security headers: grade ")
                    .append(headers.path("grade").asText())
                    .append(", score ")
                    .append(headers.path("score").asInt())
                    .append(" (devskyy verify headers ")
                    .append(root)
                    .append(" for the details)\n");
        }
        text.append('\n');
        List<Finding> sorted = new ArrayList<>(report.findings());
        sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
        for (Finding f : sorted) {
            text.append(
                    String.format("  %-6s  %-26s %s%n", f.severity().id(), f.check(), Printable.of(f.title(), 300)));
            text.append(String.format("          %-26s %s%n", "", f.evidence()));
        }
        if (sorted.isEmpty()) {
            text.append("  nothing found\n");
        }
        return text.append('\n')
                .append(failed ? "FAILED" : "passed")
                .append(" at --fail-on ")
                .append(failOn.id())
                .toString();
    }
}
