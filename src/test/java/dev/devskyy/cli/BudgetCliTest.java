package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCliTest {
    @TempDir
    Path dir;

    static final String SPEC = """
            {"spec_version":"1.0.0","variant":"RUNWAY","collection_id":"c1","scene":{"assets":["%s"]},
             "camera":{"fov":50,"position":[0,0,5],"target":[0,0,0]},"interactions":[],"ui_overlay":{},
             "performance_budget":{"max_triangles":%d,"max_texture_memory_mb":1,"max_draw_calls":5,
               "max_bundle_size_kb":100},"analytics_events":[]}
            """;

    /** The smallest real glTF: one triangle, as JSON with its buffer inline. */
    static final String TRIANGLE = """
            {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
             "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
             "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"}],
             "bufferViews":[{"buffer":0,"byteLength":36}],
             "buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}
            """;

    CatalogueRunner.Run verify(int maxTriangles, String... more) throws Exception {
        Path assets = Files.createDirectories(dir.resolve("assets"));
        Files.writeString(assets.resolve("t.gltf"), TRIANGLE);
        Path spec = Files.writeString(dir.resolve("spec.json"), String.format(SPEC, "t.gltf", maxTriangles));
        String[] args = new String[3 + more.length];
        args[0] = "verify";
        args[1] = "budget";
        args[2] = spec.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return CatalogueRunner.run(Map.of("XDG_STATE_HOME", dir.toString()), new byte[0], args);
    }

    @Test
    void withinBudgetIsExit0_overBudgetExit1() throws Exception {
        String assets = dir.resolve("assets").toString();
        CatalogueRunner.Run within = verify(1, "--assets", assets);
        assertThat(within.code()).as(within.err()).isZero();
        assertThat(within.text()).contains("within budget");
        CatalogueRunner.Run over = verify(0, "--assets", assets, "--json");
        assertThat(over.code()).isEqualTo(1);
        assertThat(Json.parse(over.text()).at("/checks/0/over").asBoolean()).isTrue();
    }

    @Test
    void aMissingAssetOrBadSpecIsExit2() throws Exception {
        CatalogueRunner.Run missing = verify(1);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("t.gltf");
        Files.writeString(dir.resolve("bad.json"), "{}");
        CatalogueRunner.Run bad = CatalogueRunner.run(
                Map.of("XDG_STATE_HOME", dir.toString()),
                new byte[0],
                "verify",
                "budget",
                dir.resolve("bad.json").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a valid Collection3DExperienceSpec");
    }
}
