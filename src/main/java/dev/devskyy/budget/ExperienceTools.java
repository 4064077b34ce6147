package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.SarifLog;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.runtime.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code experience_verify}: a live collection page checked in headless Chromium (docs/experience.md). */
public final class ExperienceTools {
    private ExperienceTools() {}

    /** @param env where {@code DEVSKYY_CHROMIUM} may name the browser */
    public static List<ToolSpec> all(Map<String, String> env) {
        return List.of(verify(env));
    }

    static ToolSpec verify(Map<String, String> env) {
        return ToolSpec.builder("experience_verify")
                .version("1.0.0")
                .title("Check a live 3D collection page in a headless browser")
                .description("Loads a collection page in headless Chromium and checks it against its "
                        + "Collection3DExperienceSpec: console errors, failed requests, the 3D canvas, draw calls, "
                        + "triangles and texture memory per frame, JavaScript size, keyboard hotspots, analytics "
                        + "events, the 2D fallback on WebGL context loss, and reduced motion.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["spec","url"],
                         "properties":{
                           "spec":{"type":"string","minLength":1,"description":"The spec JSON file."},
                           "url":{"type":"string","minLength":1,"maxLength":8192,"description":"The page."},
                           "allow_http":{"type":"boolean","default":false,"description":"Fetch over plain http."},
                           "format":{"type":"string","enum":["text","sarif"],"default":"text"}}}
                        """)
                .outputSchema("""
                        {"type":"object",
                         "required":["url","collection_id","variant","checks","measured","console_errors",
                           "failed_requests","held_requests","hotspots_reached","events_seen","seconds","failed"],
                         "properties":{
                           "url":{"type":"string"},"collection_id":{"type":"string"},"variant":{"type":"string"},
                           "checks":{"type":"array","items":{"type":"object","required":["check","passed","message"],
                             "properties":{"check":{"type":"string"},"passed":{"type":"boolean"},"message":{"type":"string"}}}},
                           "measured":{"type":"object"},
                           "console_errors":{"type":"array","items":{"type":"string"}},
                           "failed_requests":{"type":"array","items":{"type":"object"}},
                           "held_requests":{"type":"array","items":{"type":"object"}},
                           "hotspots_reached":{"type":"array","items":{"type":"string"}},
                           "events_seen":{"type":"array","items":{"type":"string"}},
                           "seconds":{"type":"number"},"failed":{"type":"boolean"}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_READ, ToolPermission.NETWORK_OUTBOUND)
                .idempotent(true)
                .timeout(Duration.ofMinutes(2))
                .handler((args, context) -> run(args, context, env))
                .build();
    }

    private static ToolOutput run(JsonNode args, ToolCallContext context, Map<String, String> env) {
        JsonNode spec;
        try {
            spec = BudgetSpec.read(Path.of(args.get("spec").asText()), new BudgetTools.CallerFiles(context));
        } catch (BudgetException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
        String url = args.get("url").asText();
        boolean allowHttp = args.path("allow_http").asBoolean();
        WebClient web = context.web();
        web.requireReachable(WebClient.address(url), allowHttp); // refused before a browser starts
        ExperienceCheck.Result result;
        try {
            result = ExperienceCheck.run(
                    spec,
                    url,
                    new CallerWeb(web, allowHttp),
                    new ExperienceCheck.Options(Chromium.find(env), context.deadline(), context::isCancelled));
        } catch (BrowserFailure e) {
            throw ToolError.of(
                    switch (e.kind()) {
                        case MISSING -> ErrorCode.E5005;
                        case BROKEN -> ErrorCode.E5004;
                        case TIMEOUT -> ErrorCode.E5001;
                        case CANCELLED -> ErrorCode.E4006;
                    },
                    e.getMessage());
        }
        String text = "sarif".equals(args.path("format").asText("text"))
                ? Json.pretty(sarif(result.report()))
                : result.text();
        return new ToolOutput(text, result.report());
    }

    /** The browser's requests, through the caller's grants: GET and HEAD, one hop, each body bounded. */
    private record CallerWeb(WebClient web, boolean allowHttp) implements PageFetcher {
        @Override
        public Resource fetch(String method, String url, long maxBytes) {
            try {
                HttpResponse response =
                        web.send(WebClient.address(url), new WebClient.Request(method, maxBytes, allowHttp, List.of()));
                if (response.truncated()) {
                    throw new Unanswered("larger than the " + maxBytes + " bytes it may have (docs/experience.md)");
                }
                return new Resource(
                        response.status(),
                        response.headers().fields().stream()
                                .map(f -> new Header(f.name(), f.value()))
                                .toList(),
                        response.body());
            } catch (ToolError e) {
                if (e.code() == ErrorCode.E4006) {
                    throw new BrowserFailure(BrowserFailure.Kind.CANCELLED, e.getMessage());
                }
                throw new Unanswered(e.code() + " " + e.getMessage());
            }
        }
    }

    /** SARIF 2.1.0: each failed check a result located at the page. */
    private static ObjectNode sarif(JsonNode report) {
        SarifLog log = new SarifLog();
        for (JsonNode check : report.get("checks")) {
            if (!check.get("passed").asBoolean()) {
                String id = "experience-" + check.get("check").asText();
                String help = "What each check of verify experience does: devskyy's docs/experience.md.";
                String message = check.get("message").asText();
                log.result(
                        new SarifLog.Rule(id, message, help, "5.0"),
                        "error",
                        message,
                        report.get("url").asText());
            }
        }
        return log.toJson();
    }
}
