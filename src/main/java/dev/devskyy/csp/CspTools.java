package dev.devskyy.csp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.csp.CspFinding.Severity;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tools of the CSP capability: evaluate a policy, build the platform's. No permission needed. */
public final class CspTools {
    private CspTools() {}

    public static List<ToolSpec> all() {
        return List.of(evaluate(), build());
    }

    /** "Review this CSP". */
    public static List<PromptSpec> prompts() {
        return List.of(new PromptSpec(
                "review_csp",
                "Review a Content Security Policy",
                "Find what a CSP lets an attacker inject, explain it, and propose a stricter policy that still works.",
                List.of(
                        PromptSpec.Argument.required("policy", "The Content-Security-Policy header value to review."),
                        PromptSpec.Argument.choice(
                                "profile",
                                "Also compare it with the platform's policy of this profile, as csp_build makes it.",
                                List.of("default", "production", "development"))),
                """
                Review the Content Security Policy given below as the argument `policy`.

                1. Call the devskyy tool `csp_evaluate` with `policy` set to the argument's text exactly as \
                given (with `report_only: true` if the user says it is sent as \
                Content-Security-Policy-Report-Only).
                2. If `profile` is given, call `csp_build` with that `profile` and compare the two policies \
                directive by directive: name what the reviewed policy allows that the platform's does not.
                3. Explain each finding, most severe first: what an attacker could inject or load, and how.
                4. Propose a corrected policy that keeps what the site evidently needs: nonces or hashes \
                instead of 'unsafe-inline', no wildcard, http: or data: sources for scripts, object-src \
                'none', base-uri and frame-ancestors set.
                5. Check the corrected policy with `csp_evaluate` before presenting it, and show its result."""));
    }

    static ToolSpec evaluate() {
        return ToolSpec.builder("csp_evaluate")
                .version("1.0.0")
                .title("Evaluate a Content Security Policy")
                .description("Finds weaknesses in a CSP header value, with severities, as Google's CSP Evaluator does.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["policy"],
                         "properties":{
                           "policy":{"type":"string","minLength":1,"description":"Header value; policies split by ','."},
                           "report_only":{"type":"boolean","default":false},
                           "fail_on":{"type":"string","enum":["high","medium","low","info"],"default":"high"}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["policies","counts","failed"],
                         "properties":{
                           "policies":{"type":"array","items":{"type":"object","required":["policy","findings"],
                             "properties":{"policy":{"type":"string"},"findings":{"type":"array","items":{
                               "type":"object","required":["check","severity","message"],
                               "properties":{"check":{"type":"string"},"severity":{"type":"string","enum":["high","medium","low","info"]},
                                 "directive":{"type":"string"},"value":{"type":"string"},
                                 "message":{"type":"string"}}}}}}},
                           "counts":{"type":"object","additionalProperties":{"type":"integer"}},
                           "failed":{"type":"boolean"}}}
                        """)
                .idempotent(true)
                .handler(CspTools::evaluatePolicy)
                .build();
    }

    private static ToolOutput evaluatePolicy(JsonNode args, ToolCallContext context) {
        List<CspPolicy> policies;
        try {
            policies = CspPolicy.parseHeader(args.get("policy").asText());
        } catch (IllegalArgumentException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
        if (policies.isEmpty()) {
            throw ToolError.of(ErrorCode.E4001, "the policy is empty");
        }
        boolean reportOnly = args.path("report_only").asBoolean();
        Severity failOn = Severity.parse(args.path("fail_on").asText("high"));
        Map<Severity, Integer> counts = new TreeMap<>(Comparator.reverseOrder()); // most severe first
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        ObjectNode out = Json.object();
        ArrayNode reports = out.putArray("policies");
        StringBuilder text = new StringBuilder();
        boolean failed = false;
        for (int i = 0; i < policies.size(); i++) {
            CspPolicy policy = policies.get(i);
            List<CspFinding> findings = CspEvaluator.evaluate(policy, reportOnly);
            ObjectNode report = reports.addObject();
            report.put("policy", policy.serialize());
            ArrayNode list = report.putArray("findings");
            text.append("policy ")
                    .append(i + 1)
                    .append(": ")
                    .append(policy.serialize())
                    .append('\n');
            for (CspFinding f : findings) {
                counts.merge(f.severity(), 1, Integer::sum);
                failed |= f.severity().atLeast(failOn);
                ObjectNode finding = list.addObject();
                finding.put("check", f.check());
                finding.put("severity", f.severity().id());
                if (f.directive() != null) {
                    finding.put("directive", f.directive());
                }
                if (f.value() != null) {
                    finding.put("value", f.value());
                }
                finding.put("message", f.message());
                text.append(String.format(
                        "  %-6s %-16s %s%n",
                        f.severity().name(), f.directive() == null ? "" : f.directive(), f.message()));
            }
        }
        ObjectNode countNode = out.putObject("counts");
        counts.forEach((severity, n) -> countNode.put(severity.id(), n));
        out.put("failed", failed);
        text.append(String.format(
                "%d high, %d medium, %d low, %d info: %s at --fail-on %s",
                counts.get(Severity.HIGH),
                counts.get(Severity.MEDIUM),
                counts.get(Severity.LOW),
                counts.get(Severity.INFO),
                failed ? "FAILS" : "passes",
                failOn.id()));
        return new ToolOutput(text.toString(), out);
    }

    static ToolSpec build() {
        return ToolSpec.builder("csp_build")
                .version("1.0.0")
                .title("Build the platform's security headers")
                .description("The DevSkyy platform's CSP (default, production or development) with a fresh nonce.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,
                         "properties":{
                           "profile":{"type":"string","enum":["default","production","development"],"default":"default"},
                           "report_uri":{"type":"string","minLength":1},
                           "report_only":{"type":"boolean","default":false}}}
                        """)
                .outputSchema("""
                        {"type":"object","additionalProperties":false,"required":["headers","nonce"],
                         "properties":{
                           "headers":{"type":"object","additionalProperties":{"type":"string"}},
                           "nonce":{"type":"string"}}}
                        """)
                .secretResults(true)
                .handler((args, context) -> {
                    CspBuilder.Result result;
                    try {
                        result = CspBuilder.build(
                                CspBuilder.Profile.parse(args.path("profile").asText("default")),
                                args.has("report_uri") ? args.get("report_uri").asText() : null,
                                args.path("report_only").asBoolean());
                    } catch (IllegalArgumentException e) {
                        throw ToolError.of(ErrorCode.E4001, e.getMessage());
                    }
                    ObjectNode out = Json.object();
                    ObjectNode headers = out.putObject("headers");
                    StringBuilder text = new StringBuilder();
                    result.headers().forEach((name, value) -> {
                        headers.put(name, value);
                        text.append(name).append(": ").append(value).append('\n');
                    });
                    out.put("nonce", result.nonce());
                    return new ToolOutput(text.toString().stripTrailing(), out);
                })
                .build();
    }
}
