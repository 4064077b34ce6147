package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCheckTest {
    @TempDir
    Path dir;

    static final AssetFiles ANY = GltfFixtures.PLAIN_FILES;

    /** 37 triangles, 6 draw calls, 167 294 bytes of textures (see the comments). */
    GltfFixtures.Builder showroom;

    @BeforeEach
    void showroom() throws Exception {
        GltfFixtures.Builder b = new GltfFixtures.Builder();
        int cube = b.mesh(new int[][] {{4, 36, 1}}); // 12 triangles, 1 draw
        int ribbon = b.mesh(new int[][] {{5, 10, 0}, {1, 8, 0}}); // strip 8 + lines 0, 2 draws
        int fan = b.mesh(new int[][] {{6, 7, 1}, {0, 5, 0}}); // fan 5 + points 0, 2 draws
        int first = b.node(cube);
        int second = b.node(cube); // the cube again: instanced twice
        int ribbonNode = b.node(ribbon);
        int group = b.node(null, ribbonNode);
        int fanNode = b.node(fan);
        b.node(cube); // not in the scene: not drawn
        b.scene(first, second, group, fanNode);
        b.embeddedImage(GltfFixtures.image("png", 64, 32), "image/png"); // 8192 + 2730
        Files.write(dir.resolve("fabric.jpg"), GltfFixtures.image("jpg", 128, 64));
        b.externalImage("fabric.jpg"); // 32768 + 10922
        b.embeddedImage(GltfFixtures.webp(100, 50), "image/webp"); // 20000 + 6666
        b.embeddedImage(GltfFixtures.ktx2(256, 256, 65536, 16384, 4096), "image/ktx2"); // 86016
        showroom = b;
    }

    Path spec(long maxTriangles, String... assets) throws Exception {
        ObjectNode spec = (ObjectNode) Json.parse("""
                {"spec_version":"1.2.0","variant":"SHOWROOM","collection_id":"aw26-showroom",
                 "scene":{"assets":[],"environment":"studio"},
                 "camera":{"fov":45,"position":[0,1.6,4],"target":[0,1,0]},
                 "interactions":[{"id":"bag","position":[0,1,0],"label":"The bag","keyboard_reachable":true}],
                 "ui_overlay":{"theme":"dark"},
                 "performance_budget":{"max_triangles":100,"max_texture_memory_mb":1,"max_draw_calls":10,
                   "max_bundle_size_kb":1},
                 "analytics_events":["view_item"]}
                """);
        spec.withObjectProperty("performance_budget").put("max_triangles", maxTriangles);
        for (String asset : assets) {
            spec.withObjectProperty("scene").withArrayProperty("assets").add(asset);
        }
        return Files.writeString(dir.resolve("spec.json"), Json.pretty(spec));
    }

    @Test
    void measuresTrianglesByModeAndInstancing_drawCallsAndTextureMemory() throws Exception {
        Files.write(dir.resolve("showroom.glb"), showroom.glb());
        Path bundle = Files.writeString(dir.resolve("app.js"), "console.log('x');\n".repeat(20));
        BudgetCheck.Result result = BudgetCheck.run(spec(100, "showroom.glb"), null, bundle, ANY);
        JsonNode asset = result.report().at("/assets/0");
        assertThat(asset.get("triangles").asLong()).isEqualTo(37);
        assertThat(asset.get("draw_calls").asLong()).isEqualTo(6);
        assertThat(asset.get("texture_bytes").asLong()).isEqualTo(10922 + 43690 + 26666 + 86016);
        assertThat(asset.get("textures").asInt()).isEqualTo(4);
        assertThat(result.report().at("/bundle/bytes").asLong()).isEqualTo(360);
        assertThat(result.report().at("/bundle/gzip_bytes").asLong()).isBetween(20L, 100L);
        assertThat(result.overBudget()).isFalse();
        assertThat(result.text()).contains("within budget").contains("showroom.glb");
    }

    @Test
    void theJsonFormWithAnExternalBufferMeasuresTheSame_andBudgetsAddUp() throws Exception {
        Files.write(dir.resolve("showroom.glb"), showroom.glb());
        Files.write(dir.resolve("showroom.bin"), showroom.bin.toByteArray());
        Files.writeString(dir.resolve("showroom.gltf"), showroom.gltf("showroom.bin"));
        BudgetCheck.Result result = BudgetCheck.run(spec(70, "showroom.glb", "showroom.gltf"), null, null, ANY);
        assertThat(result.report().at("/assets/1/triangles").asLong()).isEqualTo(37);
        assertThat(result.report().at("/assets/1/texture_bytes").asLong()).isEqualTo(167294);
        JsonNode triangles = result.report().at("/checks/0");
        assertThat(triangles.get("value").asDouble()).isEqualTo(74);
        assertThat(triangles.get("percent").asDouble()).isEqualTo(105.71);
        assertThat(triangles.get("over").asBoolean()).isTrue();
        assertThat(result.overBudget()).isTrue();
        assertThat(result.report().at("/largest/0/metric").asText()).isEqualTo("triangles");
    }

    @Test
    void anInvalidSpecIsRefusedWithItsPointers() throws Exception {
        Path spec = spec(100, "a.glb");
        Files.writeString(
                spec, Files.readString(spec).replace("SHOWROOM", "LOBBY").replace("[0,1,0]", "[0,1]"));
        assertThatThrownBy(() -> BudgetCheck.run(spec, null, null, ANY))
                .isInstanceOf(BudgetException.class)
                .hasMessageContaining("not a valid Collection3DExperienceSpec")
                .hasMessageContaining("/variant");
    }

    void assertRefused(byte[] glb, String message) throws Exception {
        Files.write(dir.resolve("bad.glb"), glb);
        assertThatThrownBy(() -> BudgetCheck.run(spec(100, "bad.glb"), null, null, ANY))
                .isInstanceOf(BudgetException.class)
                .hasMessageContaining(message);
    }

    @Test
    void hostileFilesGiveClearErrors() throws Exception {
        assertRefused(
                "not a glb at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "not a GLB file (wrong magic)");
        byte[] glb = showroom.glb();
        byte[] longer = glb.clone();
        ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(8, glb.length + 100);
        assertRefused(longer, "does not match the file");
        byte[] chunk = glb.clone();
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7FFFFFF0);
        assertRefused(chunk, "runs past the end of the file");
        assertRefused(java.util.Arrays.copyOf(glb, 10), "GLB header is truncated");
    }

    @Test
    void lyingAccessorsCyclesAndMissingIndicesAreCaught() throws Exception {
        GltfFixtures.Builder overflow = new GltfFixtures.Builder();
        int mesh = overflow.mesh(new int[][] {{4, 3, 1}});
        overflow.scene(overflow.node(mesh));
        ((ObjectNode) overflow.json.at("/accessors/1")).put("count", 2_000_000_000);
        assertRefused(overflow.glb(), "past the end of its buffer view");

        GltfFixtures.Builder cycle = new GltfFixtures.Builder();
        cycle.node(null, 1);
        cycle.node(null, 0);
        cycle.scene(0);
        assertRefused(cycle.glb(), "the node graph has a cycle");

        GltfFixtures.Builder missing = new GltfFixtures.Builder();
        missing.scene(missing.node(7));
        assertRefused(missing.glb(), "meshes[7] does not exist");

        GltfFixtures.Builder mode = new GltfFixtures.Builder();
        mode.scene(mode.node(mode.mesh(new int[][] {{9, 3, 0}})));
        assertRefused(mode.glb(), "mode 9 is outside 0..6");

        GltfFixtures.Builder image = new GltfFixtures.Builder();
        image.embeddedImage(java.util.Arrays.copyOf(GltfFixtures.image("png", 8, 8), 18), "image/png");
        assertRefused(image.glb(), "image header is truncated");
    }

    @Test
    void lineLoopsAndLineStripsDrawButAddNoTriangles() throws Exception {
        GltfFixtures.Builder lines = new GltfFixtures.Builder();
        lines.scene(lines.node(lines.mesh(new int[][] {{2, 6, 0}, {3, 6, 1}})));
        Files.write(dir.resolve("lines.glb"), lines.glb());
        JsonNode asset =
                BudgetCheck.run(spec(10, "lines.glb"), null, null, ANY).report().at("/assets/0");
        assertThat(asset.get("triangles").asLong()).isZero();
        assertThat(asset.get("draw_calls").asLong()).isEqualTo(2);
    }

    @Test
    void aDeepChainIsMeasuredOnce_notExponentially() throws Exception {
        GltfFixtures.Builder chain = new GltfFixtures.Builder();
        int mesh = chain.mesh(new int[][] {{4, 3, 0}});
        int previous = chain.node(mesh);
        for (int i = 0; i < 500; i++) {
            previous = chain.node(mesh, previous);
        }
        chain.scene(previous);
        Files.write(dir.resolve("chain.glb"), chain.glb());
        assertThat(BudgetCheck.run(spec(1000, "chain.glb"), null, null, ANY)
                        .report()
                        .at("/assets/0/triangles")
                        .asLong())
                .isEqualTo(501);
    }

    @Test
    void thePublishedSchemaIsTheOneInUse() throws Exception {
        try (var in = BudgetCheck.class.getResourceAsStream(
                "/dev/devskyy/budget/collection-3d-experience-spec.schema.json")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of("docs/collection-3d-experience-spec.schema.json")));
        }
    }
}
