package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crafted glTF whose numbers lie: totals that wrap past 2^63 to a negative "within budget", and
 * integer fields outside the ranges glTF 2.0 gives them (a negative byteStride reads backwards
 * through any view).
 */
@Tag("security")
class BudgetOverflowAttackTest {
    static final AssetFiles ANY = GltfFixtures.PLAIN_FILES;

    @TempDir
    Path dir;

    /**
     * One primitive of 2^31 − 1 unsigned-byte indices, drawn 2^31 − 1 times by GPU instancing:
     * about 1.5 × 10^18 triangles, which one asset may legally claim. Only the declared lengths
     * are needed: the accessor check reads the JSON, not the buffer.
     */
    static byte[] hugeAsset() {
        GltfFixtures.Builder b = new GltfFixtures.Builder();
        int mesh = b.mesh(new int[][] {{4, 3, 1}});
        b.scene(b.node(mesh));
        int max = Integer.MAX_VALUE;
        ObjectNode indices = (ObjectNode) b.json.at("/accessors/1");
        indices.put("componentType", 5121).put("count", max);
        ObjectNode view = (ObjectNode)
                b.json.at("/bufferViews/" + indices.get("bufferView").asInt());
        view.put("byteOffset", 0).put("byteLength", max);
        ArrayNode views = (ArrayNode) b.json.get("bufferViews");
        views.addObject().put("buffer", 0).put("byteLength", max);
        ((ArrayNode) b.json.get("accessors"))
                .addObject()
                .put("bufferView", views.size() - 1)
                .put("componentType", 5121)
                .put("count", max)
                .put("type", "SCALAR");
        ((ObjectNode) b.json.at("/nodes/0"))
                .putObject("extensions")
                .putObject("EXT_mesh_gpu_instancing")
                .putObject("attributes")
                .put("TRANSLATION", b.json.get("accessors").size() - 1);
        byte[] glb = b.glb();
        return withBufferLength(glb, max);
    }

    /** The GLB with its one buffer declaring {@code length} bytes (the views above need that much). */
    static byte[] withBufferLength(byte[] glb, long length) {
        String json = new String(
                glb,
                20,
                java.nio.ByteBuffer.wrap(glb, 12, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt(),
                java.nio.charset.StandardCharsets.UTF_8);
        return glb(
                json.replaceFirst("\"buffers\":\\[\\{\"byteLength\":\\d+", "\"buffers\":[{\"byteLength\":" + length));
    }

    static byte[] glb(String json) {
        byte[] text = json.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int padded = (text.length + 3) / 4 * 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + padded).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46546C67).putInt(2).putInt(b.capacity());
        b.putInt(padded).putInt(0x4E4F534A).put(text);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    Path spec(int assets) throws Exception {
        ObjectNode spec = (ObjectNode) Json.parse("""
                {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":[]},
                 "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
                 "performance_budget":{"max_triangles":1000,"max_texture_memory_mb":1,"max_draw_calls":5,
                   "max_bundle_size_kb":100},"analytics_events":[]}
                """);
        for (int i = 0; i < assets; i++) {
            spec.withObjectProperty("scene").withArrayProperty("assets").add("huge.glb");
        }
        return Files.writeString(dir.resolve("spec.json"), Json.pretty(spec));
    }

    @Test
    void oneHugeAssetIsMeasuredAndOverBudget() throws Exception {
        Files.write(dir.resolve("huge.glb"), hugeAsset());
        BudgetCheck.Result result = BudgetCheck.run(spec(1), null, null, ANY);
        assertThat(result.report().at("/assets/0/triangles").asLong()).isGreaterThan(1_000_000_000_000_000_000L);
        assertThat(result.overBudget()).isTrue();
    }

    @Test
    void eightHugeAssetsNeverWrapToWithinBudget() throws Exception {
        Files.write(dir.resolve("huge.glb"), hugeAsset());
        assertThatThrownBy(() -> BudgetCheck.run(spec(8), null, null, ANY))
                .isInstanceOf(BudgetException.class)
                .hasMessageContaining("overflow");
    }

    /** Each case breaks one rule of glTF 2.0 on the otherwise valid one-triangle asset. */
    static Stream<Arguments> outOfRange() {
        return Stream.<Arguments>of(
                Arguments.of("negative byteStride", edit("/bufferViews/0", v -> v.put("byteStride", -4)), "byteStride"),
                Arguments.of("zero byteStride", edit("/bufferViews/0", v -> v.put("byteStride", 0)), "byteStride"),
                Arguments.of(
                        "byteStride over 252", edit("/bufferViews/0", v -> v.put("byteStride", 256)), "byteStride"),
                Arguments.of(
                        "byteStride not ×4", edit("/bufferViews/0", v -> v.put("byteStride", 14)), "multiple of 4"),
                Arguments.of(
                        "negative view offset", edit("/bufferViews/0", v -> v.put("byteOffset", -36)), "byteOffset"),
                Arguments.of(
                        "negative view length", edit("/bufferViews/0", v -> v.put("byteLength", -1)), "byteLength"),
                Arguments.of(
                        "view past its buffer",
                        edit("/bufferViews/0", v -> v.put("byteOffset", 8)),
                        "past the end of buffer 0"),
                Arguments.of(
                        "negative accessor offset", edit("/accessors/0", a -> a.put("byteOffset", -12)), "byteOffset"),
                Arguments.of(
                        "misaligned accessor offset",
                        edit("/accessors/0", a -> a.put("byteOffset", 2)),
                        "multiple of its component size"),
                Arguments.of("zero count", edit("/accessors/0", a -> a.put("count", 0)), "count"),
                Arguments.of("negative count", edit("/accessors/0", a -> a.put("count", -3)), "count"),
                Arguments.of("fractional count", edit("/accessors/0", a -> a.put("count", 3.5)), "count"),
                Arguments.of("count as text", edit("/accessors/0", a -> a.put("count", "3")), "count"),
                Arguments.of(
                        "index past 2^32 that truncates to 0",
                        edit("/nodes/0", n -> n.put("mesh", 4294967296L)),
                        "mesh"),
                Arguments.of("negative scene", edit("", r -> r.put("scene", -1)), "scene"),
                Arguments.of("mode as text", edit("/meshes/0/primitives/0", p -> p.put("mode", "4")), "mode"),
                Arguments.of(
                        "a bad %-escape in an image uri",
                        edit("", r -> r.putArray("images").addObject().put("uri", "a%zz.png")),
                        "not a relative file path"),
                Arguments.of(
                        "a NUL in an image uri",
                        edit("", r -> r.putArray("images").addObject().put("uri", "a%00.png")),
                        "not a relative file path"),
                Arguments.of(
                        "buffer shorter than its view",
                        edit("/buffers/0", b -> b.put("byteLength", 35)),
                        "past the end of buffer 0"));
    }

    static Consumer<ObjectNode> edit(String pointer, Consumer<ObjectNode> change) {
        return root -> change.accept((ObjectNode) root.at(pointer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void everyIntegerFieldIsRangeChecked(String name, Consumer<ObjectNode> change, String message) throws Exception {
        ObjectNode asset = (ObjectNode) Json.parse(TRIANGLE);
        change.accept(asset);
        Files.writeString(dir.resolve("huge.glb"), Json.compact(asset));
        Files.move(dir.resolve("huge.glb"), dir.resolve("huge.gltf"));
        Path spec = Files.writeString(
                dir.resolve("spec.json"), Files.readString(spec(1)).replace("huge.glb", "huge.gltf"));
        assertThatThrownBy(() -> BudgetCheck.run(spec, null, null, ANY))
                .isInstanceOf(BudgetException.class)
                .hasMessageContaining(message);
    }

    /** One triangle, as JSON with its buffer inline (36 bytes of float positions). */
    static final String TRIANGLE = """
            {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
             "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
             "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"}],
             "bufferViews":[{"buffer":0,"byteLength":36}],
             "buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}
            """;

    @Test
    void theUntouchedTriangleMeasures() throws Exception {
        Files.writeString(dir.resolve("huge.gltf"), TRIANGLE);
        Path spec = Files.writeString(
                dir.resolve("spec.json"), Files.readString(spec(1)).replace("huge.glb", "huge.gltf"));
        assertThat(BudgetCheck.run(spec, null, null, ANY)
                        .report()
                        .at("/assets/0/triangles")
                        .asLong())
                .isEqualTo(1);
    }
}
