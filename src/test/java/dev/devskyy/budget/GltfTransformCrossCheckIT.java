package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triangles and draw calls of verify budget agree with {@code gltf-transform inspect} (npm,
 * pinned in src/test/gltf-transform) on the same files: for each mesh, inspect's GL primitives and
 * mesh primitives times its instances.
 */
class GltfTransformCrossCheckIT {
    static final Path TOOL = Path.of("src/test/gltf-transform").toAbsolutePath();

    @TempDir
    Path dir;

    static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }

    /** Every node in the scene, one triangle-drawing mode per mesh: what inspect's columns can express. */
    static GltfFixtures.Builder fixture() {
        GltfFixtures.Builder b = new GltfFixtures.Builder();
        int list = b.mesh(new int[][] {{4, 36, 1}});
        int strip = b.mesh(new int[][] {{5, 20, 0}});
        int fan = b.mesh(new int[][] {{6, 11, 1}});
        int pair = b.mesh(new int[][] {{4, 9, 0}, {4, 300, 1}});
        List<Integer> roots = new ArrayList<>();
        roots.add(b.node(list));
        roots.add(b.node(list));
        roots.add(b.node(null, b.node(list)));
        roots.add(b.node(strip));
        roots.add(b.node(fan));
        roots.add(b.node(fan));
        roots.add(b.node(pair));
        b.scene(roots.stream().mapToInt(Integer::intValue).toArray());
        return b;
    }

    /** Σ glPrimitives × instances and Σ meshPrimitives × instances from inspect's MESHES table. */
    static long[] inspect(Path asset) throws Exception {
        String csv = run(
                TOOL,
                "node",
                TOOL.resolve("node_modules/@gltf-transform/cli/bin/cli.js").toString(),
                "inspect",
                asset.toString(),
                "--format",
                "csv");
        String meshes = csv.substring(csv.indexOf("MESHES"));
        long triangles = 0;
        long draws = 0;
        for (String line : meshes.lines().toList()) {
            if (!line.matches("^\\d+,.*")) {
                continue;
            }
            List<String> cells = cells(line);
            long instances = Long.parseLong(cells.get(8));
            triangles += Long.parseLong(cells.get(4)) * instances;
            draws += Long.parseLong(cells.get(3)) * instances;
        }
        return new long[] {triangles, draws};
    }

    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void trianglesAndDrawCallsAgreeWithGltfTransform_forGlbAndGltf() throws Exception {
        run(TOOL, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        GltfFixtures.Builder b = fixture();
        Files.write(dir.resolve("asset.glb"), b.glb());
        Files.write(dir.resolve("asset.bin"), b.bin.toByteArray());
        Files.writeString(dir.resolve("asset.gltf"), b.gltf("asset.bin"));
        ObjectNode spec = (ObjectNode) Json.parse("""
                {"spec_version":"1.0.0","variant":"MATERIALS","collection_id":"x","scene":{"assets":["asset.glb","asset.gltf"]},
                 "camera":{"fov":40,"position":[0,0,3],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
                 "performance_budget":{"max_triangles":100000,"max_texture_memory_mb":1,"max_draw_calls":100,
                   "max_bundle_size_kb":1},"analytics_events":[]}
                """);
        Path specFile = Files.writeString(dir.resolve("spec.json"), Json.compact(spec));
        BudgetCheck.Result result = BudgetCheck.run(specFile, null, null, GltfFixtures.PLAIN_FILES);
        for (int i = 0; i < 2; i++) {
            String name = i == 0 ? "asset.glb" : "asset.gltf";
            long[] theirs = inspect(dir.resolve(name));
            long ours = result.report().at("/assets/" + i + "/triangles").asLong();
            long ourDraws = result.report().at("/assets/" + i + "/draw_calls").asLong();
            System.out.printf(
                    "%s: triangles devskyy %d, gltf-transform %d; draw calls devskyy %d, gltf-transform %d%n",
                    name, ours, theirs[0], ourDraws, theirs[1]);
            assertThat(ours).as(name + " triangles").isEqualTo(theirs[0]);
            assertThat(ourDraws).as(name + " draw calls").isEqualTo(theirs[1]);
        }
        // 3 × 12 + 18 + 2 × 9 + (3 + 100) triangles; 3 + 1 + 2 + 2 draw calls
        assertThat(result.report().at("/assets/0/triangles").asLong()).isEqualTo(175);
        assertThat(result.report().at("/assets/0/draw_calls").asLong()).isEqualTo(8);
    }
}
