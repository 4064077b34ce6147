package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.nio.file.Path;
import java.util.List;

/** The tool of the 3D performance-budget capability. */
public final class BudgetTools {
    private BudgetTools() {}

    public static List<ToolSpec> all() {
        return List.of(verify());
    }

    static ToolSpec verify() {
        return ToolSpec.builder("budget_verify")
                .version("1.0.0")
                .title("Check a 3D experience against its performance budget")
                .description("Validates a Collection3DExperienceSpec and measures its glTF/GLB assets (triangles, "
                        + "draw calls, texture memory) and JS bundle against the budget.")
                .inputSchema("""
                        {"type":"object","additionalProperties":false,"required":["spec"],
                         "properties":{
                           "spec":{"type":"string","minLength":1,"description":"The spec JSON file."},
                           "assets":{"type":"string","minLength":1,"description":"Asset directory (default: the spec's)."},
                           "bundle":{"type":"string","minLength":1,"description":"JS bundle file or directory."}}}
                        """)
                .outputSchema("""
                        {"type":"object","required":["collection_id","variant","assets","checks","largest","over_budget"],
                         "properties":{
                           "collection_id":{"type":"string"},"variant":{"type":"string"},
                           "assets":{"type":"array","items":{"type":"object"}},
                           "checks":{"type":"array","items":{"type":"object"}},
                           "largest":{"type":"array","items":{"type":"object"}},
                           "bundle":{"type":"object"},
                           "over_budget":{"type":"boolean"}}}
                        """)
                .permissions(ToolPermission.FILESYSTEM_READ)
                .idempotent(true)
                .timeout(java.time.Duration.ofMinutes(5))
                .handler(BudgetTools::check)
                .build();
    }

    private static ToolOutput check(JsonNode args, ToolCallContext context) {
        try {
            BudgetCheck.Result result = BudgetCheck.run(
                    Path.of(args.get("spec").asText()),
                    args.has("assets") ? Path.of(args.get("assets").asText()) : null,
                    args.has("bundle") ? Path.of(args.get("bundle").asText()) : null,
                    path -> context.pathInside(path, ToolPermission.FILESYSTEM_READ));
            return new ToolOutput(result.text(), result.report());
        } catch (BudgetException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
    }
}
