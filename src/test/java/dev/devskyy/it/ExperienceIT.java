package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code verify experience} end to end: the real launcher drives Debian's headless Chromium
 * against the three reference experiences of src/test/experience (built with three from npm,
 * installed here with npm ci) and the deliberately broken ones, served on loopback. Each good page
 * passes every check; each broken page fails exactly the check it breaks, and says why.
 */
class ExperienceIT {
    static final Path SITE = Launcher.PROJECT.resolve("src/test/experience");

    @TempDir
    Path home;

    static LoopbackSite site;

    @BeforeAll
    static void serve() throws Exception {
        Launcher.runTool(SITE, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        site = new LoopbackSite("127.0.0.1", SITE);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    Launcher.Run verify(String spec, String page) throws Exception {
        return verify(spec, page, "json");
    }

    Launcher.Run verify(String spec, String page, String format) throws Exception {
        return Launcher.run(
                home,
                Launcher.PROJECT,
                Map.of(),
                Launcher.SCRIPT,
                "verify",
                "experience",
                SITE.resolve(spec).toString(),
                "--url",
                site.url(page),
                "--format",
                format);
    }

    static Set<String> failedChecks(JsonNode report) {
        Set<String> failed = new TreeSet<>();
        report.get("checks").forEach(c -> {
            if (!c.get("passed").asBoolean()) {
                failed.add(c.get("check").asText());
            }
        });
        return failed;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "showroom, 6, 5760, 0.25", // 6 spheres of 32 × 16 segments (960 triangles), a 256² RGBA texture
        "runway, 4, 2112, 0.06", // 4 of 24 × 12 (528), 128²
        "materials, 3, 6624, 1.33" // 3 of 48 × 24 (2208), 512² with its 9 mipmap levels (a third more)
    })
    void aGoodExperiencePassesEveryCheck_withItsFiguresCountedFromItsWebGlCalls(
            String variant, long drawCalls, long triangles, double textureMib) throws Exception {
        Launcher.Run run = verify(variant + ".json", "/collection.html?variant=" + variant);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode report = Json.parse(run.out());
        assertThat(failedChecks(report)).isEmpty();
        assertThat(report.at("/measured/max_draw_calls_per_frame").asLong()).isEqualTo(drawCalls);
        assertThat(report.at("/measured/max_triangles_per_frame").asLong()).isEqualTo(triangles);
        assertThat(report.at("/measured/texture_memory_mb").asDouble()).isEqualTo(textureMib);
        // three.module.js, three.core.js and experience.js, as served
        assertThat(report.at("/measured/javascript_kb").asDouble()).isBetween(2000.0, 2200.0);
        assertThat(report.at("/measured/reduced_motion_animation_frames").asLong())
                .isZero();
        assertThat(report.get("events_seen").toString()).contains("experience_loaded", "hotspot_opened");
        assertThat(report.get("failed_requests")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "console-error          | console-errors    | console.error: lookbook feed unavailable",
                "no-fallback            | context-loss      | [data-testid=\"fallback-2d\"] never shown; no structured",
                "unreachable-hotspot    | keyboard-hotspots | Tab never reaches boots",
                "ignores-reduced-motion | reduced-motion    | an animation loop runs",
                "over-budget            | draw-calls        | 40 draw calls in a frame (budget 20)"
            })
    void aBrokenExperienceFailsForItsReason(String page, String check, String why) throws Exception {
        Launcher.Run run = verify("showroom.json", "/collection.html?variant=showroom&broken=" + page);
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode report = Json.parse(run.out());
        Set<String> expected = page.equals("over-budget") ? Set.of("draw-calls", "triangles") : Set.of(check);
        assertThat(failedChecks(report)).isEqualTo(expected);
        report.get("checks").forEach(c -> {
            if (c.get("check").asText().equals(check)) {
                assertThat(c.get("message").asText()).contains(why);
            }
        });
    }

    @Test
    void textAndSarifSayTheSame_andTheExitCodeIsOneOnAFailure() throws Exception {
        Launcher.Run text = verify("showroom.json", "/collection.html?variant=showroom&broken=no-fallback", "text");
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains("  FAIL  context-loss", "  ok    canvas", "FAILED: 1 of 11 checks");
        Launcher.Run sarif = verify("showroom.json", "/collection.html?variant=showroom&broken=no-fallback", "sarif");
        JsonNode log = Json.parse(sarif.out());
        assertThat(sarif.code()).isEqualTo(1);
        assertThat(log.at("/runs/0/results")).hasSize(1);
        assertThat(log.at("/runs/0/results/0/ruleId").asText()).isEqualTo("experience-context-loss");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo(site.url("/collection.html")); // without its query
    }
}
