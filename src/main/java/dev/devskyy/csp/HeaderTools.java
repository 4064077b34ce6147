package dev.devskyy.csp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.csp.CspFinding.Severity;
import dev.devskyy.csp.HeaderGrade.HttpProbe;
import dev.devskyy.csp.HeaderGrade.Note;
import dev.devskyy.csp.HeaderGrade.PolicyReport;
import dev.devskyy.csp.HeaderGrade.Report;
import dev.devskyy.csp.HeaderGrade.Test;
import dev.devskyy.io.Printable;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.RetryPolicy;
import dev.devskyy.runtime.SarifLog;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.runtime.WebClient;
import java.util.ArrayList;
import java.util.List;

/** {@code http_headers_check}: a live page's security headers, graded (docs/network.md). */
public final class HeaderTools {
    /** The most of a page read: its head and scripts are near the start. */
    static final long MAX_PAGE_BYTES = 2L * 1024 * 1024;

    private HeaderTools() {}

    public static List<ToolSpec> all() {
        return List.of(check());
    }

    static ToolSpec check() {
        return ToolSpec.builder("http_headers_check")
                .version("1.0.0")
                .title("Grade a page's security headers")
                .description("Fetches a URL and grades its security headers as Mozilla's HTTP Observatory does.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["url"],
                         "properties":{
                           "url":{"type":"string","minLength":1,"maxLength":8192},
                           "http_url":{"type":"string","minLength":1,"maxLength":8192,
                             "description":"The plain-http URL whose redirect is checked (default http://HOST/)."},
                           "allow_http":{"type":"boolean","default":false,"description":"Fetch url over plain http."},
                           "fail_on":{"type":"string","enum":["high","medium","low","info"],"default":"high"},
                           "format":{"type":"string","enum":["text","sarif"],"default":"text"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,
                         "required":["url","final_url","status","score","grade","tests","notes","policies","failed"],
                         "properties":{
                           "url":{"type":"string"},"final_url":{"type":"string"},"status":{"type":"integer"},
                           "score":{"type":"integer"},"grade":{"type":"string"},
                           "tests":{"type":"array","items":{"type":"object","required":["test","result","modifier","severity","description"],
                             "properties":{"test":{"type":"string"},"result":{"type":"string"},"modifier":{"type":"integer"},
                               "severity":{"type":"string"},"description":{"type":"string"}}}},
                           "notes":{"type":"array","items":{"type":"object","required":["check","severity","message"],
                             "properties":{"check":{"type":"string"},"severity":{"type":"string"},"message":{"type":"string"}}}},
                           "policies":{"type":"array","items":{"type":"object","required":["source","policy","findings"],
                             "properties":{"source":{"type":"string"},"policy":{"type":"string"},
                               "findings":{"type":"array","items":{"type":"object","required":["check","severity","message"],
                                 "properties":{"check":{"type":"string"},"severity":{"type":"string"},
                                   "directive":{"type":"string"},"message":{"type":"string"}}}}}}},
                           "failed":{"type":"boolean"}}}
                        """)
                .permissions(ToolPermission.NETWORK_OUTBOUND)
                .idempotent(true)
                .retryPolicy(RetryPolicy.standard())
                .handler(HeaderTools::run)
                .build();
    }

    private static ToolOutput run(JsonNode args, ToolCallContext context) {
        WebAddress address = WebClient.address(args.get("url").asText());
        WebClient web = context.web();
        WebClient.Request request = new WebClient.Request(
                "GET",
                MAX_PAGE_BYTES,
                args.path("allow_http").asBoolean(),
                List.of(new HttpHeaders.Field("Origin", HeaderGrade.PROBE_ORIGIN)));
        List<HttpResponse> chain = web.follow(address, request);
        HttpProbe probe = new HttpProbe(List.of(), null);
        if (address.isSecure()) {
            WebAddress http = args.has("http_url")
                    ? WebClient.address(args.get("http_url").asText())
                    : new WebAddress("http", address.host(), 80, "/");
            probe = probe(web, http, address, args.path("allow_http").asBoolean());
        }
        Report report = HeaderGrade.grade(chain, probe);
        Severity failOn = Severity.parse(args.path("fail_on").asText("high"));
        boolean failed = report.tests().stream().anyMatch(t -> t.severity().atLeast(failOn) && !t.passed())
                || report.notes().stream().anyMatch(n -> n.severity().atLeast(failOn));
        ObjectNode out = json(report, failed);
        String text = "sarif".equals(args.path("format").asText("text"))
                ? Json.pretty(sarif(report))
                : text(report, failed, failOn);
        return new ToolOutput(text, out);
    }

    /**
     * The site's plain-http form: whether it redirects to https. It is asked for over plain http on
     * devskyy's own behalf, on the page's own host only, and only each answer's status and Location
     * are read (a body bound of 0); a hop to another host goes over plain http only on the caller's
     * opt-in, as any request does.
     */
    private static HttpProbe probe(WebClient web, WebAddress http, WebAddress page, boolean allowHttp) {
        if (http.isSecure() || !http.host().equals(page.host())) {
            throw ToolError.of(ErrorCode.E4001, "http_url must be an http:// URL on the page's own host");
        }
        List<HttpResponse> chain = new ArrayList<>();
        try {
            WebAddress next = http;
            for (int hop = 0; hop <= WebClient.MAX_REDIRECTS; hop++) {
                boolean plain = allowHttp || next.host().equals(page.host());
                HttpResponse answer = web.send(next, new WebClient.Request("GET", 0, plain, List.of()));
                chain.add(answer);
                if (!answer.isRedirect()) {
                    return new HttpProbe(chain, null);
                }
                try {
                    next = next.resolve(answer.headers().first("location").orElseThrow());
                } catch (IllegalArgumentException e) {
                    return new HttpProbe(List.of(), "http:// redirects to a URL devskyy does not fetch");
                }
            }
            return new HttpProbe(List.of(), "http:// redirects more than " + WebClient.MAX_REDIRECTS + " times");
        } catch (ToolError e) {
            boolean nothingListens = chain.isEmpty()
                    && e.code() == ErrorCode.E6001
                    && "connect".equals(e.details().path("failure").asText());
            if (nothingListens) {
                return new HttpProbe(List.of(), null);
            }
            if (e.code() == ErrorCode.E4006 || e.code() == ErrorCode.E5001) {
                throw e;
            }
            return new HttpProbe(List.of(), e.getMessage());
        }
    }

    /**
     * A page's grade in brief, for other checks that fetched it (the WordPress audit): the score,
     * the grade and each failed test; the redirection test is left to {@code verify headers}.
     */
    public static ObjectNode summary(List<HttpResponse> chain) {
        Report report = HeaderGrade.grade(chain, new HttpProbe(List.of(), "left to verify headers"));
        ObjectNode out = Json.object().put("grade", report.grade()).put("score", report.score());
        ArrayNode failed = out.putArray("failed");
        report.tests().stream().filter(t -> !t.passed()).forEach(t -> failed.add(t.result()));
        return out;
    }

    private static ObjectNode json(Report report, boolean failed) {
        ObjectNode out = Json.object();
        out.put("url", report.url());
        out.put("final_url", report.finalUrl());
        out.put("status", report.status());
        out.put("score", report.score());
        out.put("grade", report.grade());
        ArrayNode tests = out.putArray("tests");
        for (Test t : report.tests()) {
            tests.addObject()
                    .put("test", t.test())
                    .put("result", t.result())
                    .put("modifier", t.modifier())
                    .put("severity", t.passed() ? "info" : t.severity().id())
                    .put("description", t.description());
        }
        ArrayNode notes = out.putArray("notes");
        for (Note n : report.notes()) {
            notes.addObject()
                    .put("check", n.check())
                    .put("severity", n.severity().id())
                    .put("message", n.message());
        }
        ArrayNode policies = out.putArray("policies");
        for (PolicyReport p : report.policies()) {
            ObjectNode policy = policies.addObject().put("source", p.source()).put("policy", p.policy());
            ArrayNode findings = policy.putArray("findings");
            for (CspFinding f : p.findings()) {
                ObjectNode finding = findings.addObject()
                        .put("check", f.check())
                        .put("severity", f.severity().id());
                if (f.directive() != null) {
                    finding.put("directive", f.directive());
                }
                finding.put("message", f.message());
            }
        }
        out.put("failed", failed);
        return out;
    }

    private static String text(Report report, boolean failed, Severity failOn) {
        StringBuilder text = new StringBuilder();
        text.append(report.url()).append(" -> ").append(report.status());
        if (!report.finalUrl().equals(report.url())) {
            text.append(" at ").append(report.finalUrl());
        }
        text.append('\n');
        text.append("grade ")
                .append(report.grade())
                .append(", score ")
                .append(report.score())
                .append("\n\n");
        for (Test t : report.tests()) {
            text.append(String.format(
                    "  %+4d  %-6s  %-31s %s%n",
                    t.modifier(),
                    t.passed() ? "pass" : t.severity().id(),
                    t.test(),
                    Printable.of(t.description(), 500)));
        }
        if (!report.notes().isEmpty()) {
            text.append("\nnotes (not scored):\n");
            for (Note n : report.notes()) {
                text.append(String.format(
                        "  %-6s  %-31s %s%n", n.severity().id(), n.check(), Printable.of(n.message(), 500)));
            }
        }
        for (PolicyReport p : report.policies()) {
            text.append("\nCSP (")
                    .append(p.source())
                    .append("): ")
                    .append(Printable.of(p.policy()))
                    .append('\n');
            for (CspFinding f : p.findings()) {
                text.append(String.format(
                        "  %-6s  %-16s %s%n",
                        f.severity().id(),
                        Printable.of(f.directive() == null ? "" : f.directive(), 40),
                        Printable.of(f.message(), 500)));
            }
        }
        text.append('\n')
                .append(failed ? "FAILED" : "passed")
                .append(" at --fail-on ")
                .append(failOn.id());
        return text.toString();
    }

    /** SARIF 2.1.0: every test a rule, every failed test and note a result located at the URL. */
    private static ObjectNode sarif(Report report) {
        SarifLog log = new SarifLog();
        for (Test t : report.tests()) {
            if (!t.passed()) {
                result(log, t.result(), t.severity(), t.description(), report.finalUrl());
            }
        }
        for (Note n : report.notes()) {
            result(log, n.check(), n.severity(), n.message(), report.finalUrl());
        }
        return log.toJson();
    }

    private static void result(SarifLog log, String id, Severity severity, String message, String url) {
        String help = message + ". What each test checks and how it is scored: devskyy's docs/network.md.";
        String score = switch (severity) {
            case HIGH -> "7.5";
            case MEDIUM -> "5.0";
            default -> "2.0";
        };
        String level = switch (severity) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
        log.result(new SarifLog.Rule(id, message, help, score), level, message, url);
    }
}
