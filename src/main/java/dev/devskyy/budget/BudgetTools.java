package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.io.DirectoryEntry;
import dev.devskyy.io.OpenDirectory;
import dev.devskyy.io.TreeWalk;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.ToolCallContext;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolOutput;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
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
                    new CallerFiles(context));
            return new ToolOutput(result.text(), result.report());
        } catch (BudgetException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
    }

    /** The caller's guarded open (see {@link ToolCallContext#openFile}), as the budget check reads. */
    record CallerFiles(ToolCallContext context) implements AssetFiles {
        /** Deeper than this is no bundle directory. */
        private static final int MAX_DEPTH = 64;

        @Override
        public byte[] read(Path file, long maxBytes) {
            return context.readFile(file.toString(), maxBytes);
        }

        @Override
        public List<Path> files(Path fileOrDirectory) {
            String requested = fileOrDirectory.toString();
            try (DirectoryEntry entry = context.entry(requested)) {
                BasicFileAttributes attributes =
                        entry.name() == null ? null : entry.directory().attributes(entry.name());
                if (attributes != null && !attributes.isDirectory()) {
                    return List.of(fileOrDirectory);
                }
            } catch (IOException e) {
                throw context.fileError(requested, e);
            }
            List<Path> found = new ArrayList<>();
            try (OpenDirectory dir = context.openDirectory(requested)) {
                TreeWalk.walk(dir, MAX_DEPTH, new TreeWalk.Visitor() {
                    @Override
                    public boolean stop() {
                        return context.isCancelled();
                    }

                    @Override
                    public boolean include(String relative, boolean directory) {
                        return true;
                    }

                    @Override
                    public void file(OpenDirectory directory, Path name, String relative, long size) {
                        found.add(fileOrDirectory.resolve(relative));
                    }

                    @Override
                    public void skipped(String relative, boolean unreadable) {}
                });
            } catch (IOException e) {
                throw context.fileError(requested, e);
            }
            return found;
        }
    }
}
