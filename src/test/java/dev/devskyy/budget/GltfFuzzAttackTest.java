package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.testing.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutated glTF, GLB and specs: a clear BudgetException (or a refused file), never a crash or a hang. */
@Tag("security")
class GltfFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    static IntStream seeds() {
        return Mutations.seeds(80);
    }

    static byte[] showroomGlb() {
        GltfFixtures.Builder b = new GltfFixtures.Builder();
        int cube = b.mesh(new int[][] {{4, 36, 1}});
        int strip = b.mesh(new int[][] {{5, 10, 0}, {1, 8, 0}});
        b.scene(b.node(cube), b.node(null, b.node(strip)));
        b.embeddedImage(GltfFixtures.webp(100, 50), "image/webp");
        b.embeddedImage(GltfFixtures.ktx2(256, 256, 65536, 16384), "image/ktx2");
        return b.glb();
    }

    void measure(String name, byte[] asset, String spec) throws Exception {
        Files.write(dir.resolve(name), asset);
        Path specFile = Files.writeString(dir.resolve("spec.json"), spec);
        BudgetCheck.run(specFile, null, null, BudgetOverflowAttackTest.ANY);
    }

    String spec(String asset) {
        return """
                {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":["%s"]},
                 "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
                 "performance_budget":{"max_triangles":1000,"max_texture_memory_mb":1,"max_draw_calls":5,
                   "max_bundle_size_kb":100},"analytics_events":[]}
                """.formatted(asset);
    }

    /** The one triangle again, with every integer field glTF constrains present for the mutations to hit. */
    static final String SAMPLE = """
            {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
             "meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1,"mode":4}]}],
             "accessors":[{"bufferView":0,"byteOffset":0,"componentType":5126,"count":3,"type":"VEC3"},
                          {"bufferView":1,"byteOffset":0,"componentType":5123,"count":3,"type":"SCALAR"}],
             "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36,"byteStride":12},
                            {"buffer":0,"byteOffset":36,"byteLength":6}],
             "buffers":[{"byteLength":44}]}
            """;

    /** Members glTF 2.0 requires to be integers, with their smallest value; byteStride has its own rule. */
    static final Map<String, Integer> MINIMUM = Map.of(
            "scene",
            0,
            "mesh",
            0,
            "indices",
            0,
            "mode",
            0,
            "bufferView",
            0,
            "buffer",
            0,
            "byteOffset",
            0,
            "byteLength",
            1,
            "count",
            1);

    /**
     * The oracle: an asset that measured holds only in-range integers. Read leniently, so that it
     * judges what the parser accepted, not how.
     */
    static void assertInRange(JsonNode node) {
        node.properties().forEach(member -> {
            JsonNode value = member.getValue();
            Integer min = MINIMUM.get(member.getKey());
            if (min != null) {
                assertThat(value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= min)
                        .as(member.getKey() + " " + value)
                        .isTrue();
            }
            if (member.getKey().equals("byteStride")) {
                assertThat(value.isIntegralNumber() && value.canConvertToInt())
                        .as("byteStride")
                        .isTrue();
                assertThat(value.intValue()).as("byteStride").isBetween(4, 252);
                assertThat(value.intValue() % 4).as("byteStride").isZero();
            }
        });
        node.forEach(child -> {
            if (child.isContainerNode()) {
                assertInRange(child);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedGltfJsonIsRefusedOrInRange(int seed) {
        byte[] asset = Mutations.mutate(SAMPLE.getBytes(StandardCharsets.UTF_8), seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> {
                    measure("a.gltf", asset, spec("a.gltf"));
                    assertInRange(new ObjectMapper().readTree(asset));
                },
                BudgetException.class,
                ToolError.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedGlb(int seed) {
        byte[] asset = Mutations.mutate(showroomGlb(), seed);
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> measure("a.glb", asset, spec("a.glb")), BudgetException.class, ToolError.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedSpec(int seed) {
        String spec = Mutations.mutate(spec("a.gltf"), seed);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> measure("a.gltf", BudgetOverflowAttackTest.TRIANGLE.getBytes(StandardCharsets.UTF_8), spec),
                BudgetException.class,
                ToolError.class);
    }
}
