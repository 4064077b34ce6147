package dev.devskyy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.Golden;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What verify experience reports, check by check, from what the page showed. */
class ExperienceReportTest {
    static JsonNode spec() throws Exception {
        return Json.parse("""
                {"spec_version":"1.0.0","variant":"SHOWROOM","collection_id":"fw26-showroom",
                 "scene":{"assets":["showroom.glb"]},"camera":{"fov":45,"position":[0,1,6],"target":[0,0,0]},
                 "interactions":[{"id":"coat","position":[1,0,0],"label":"Coat","keyboard_reachable":true},
                                 {"id":"bag","position":[0,0,1],"label":"Bag","keyboard_reachable":true}],
                 "ui_overlay":{},
                 "performance_budget":{"max_triangles":60000,"max_texture_memory_mb":4,"max_draw_calls":20,
                   "max_bundle_size_kb":2600},
                 "analytics_events":["experience_loaded","hotspot_opened"]}
                """);
    }

    static ObjectNode state(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    static ExperienceReport shown(ExperienceReport report) throws Exception {
        JsonNode drawn = state("{\"canvasAt\":412.6,\"firstDrawAt\":530.2,\"canvasVisible\":true}");
        report.canvas(null, drawn, 5000);
        return report;
    }

    @Test
    void aPageFailingSeveralChecks_inWords() throws Exception {
        ExperienceReport report = shown(new ExperienceReport(spec(), "https://shop.example/showroom?session=secret"));
        report.budget(state("""
                {"frames":58,"maxFrameDrawCalls":40,"maxFrameTriangles":360960,"maxTextureBytes":262144}
                """), 2_137_221);
        report.keyboard(List.of("coat", "bag"), List.of("bag", "coat"), List.of("coat", "bag"));
        report.analytics(state("{\"events\":[\"experience_loaded\"]}"));
        report.contextLoss(1, false, true, false);
        report.reducedMotion(
                drawnState(),
                state("{\"rafCallbacks\":10,\"frames\":10}"),
                state("{\"rafCallbacks\":70,\"frames\":70}"));
        report.page(
                List.of("console.error: lookbook feed unavailable"),
                List.of(Json.object().put("url", "https://cdn.example/look.js").put("reason", "HTTP 404")),
                List.of(Json.object().put("method", "POST").put("url", "https://shop.example/collect")));
        ExperienceCheck.Result result = report.finish(Duration.ofMillis(5432));
        assertThat(result.failed()).isTrue();
        assertThat(result.report().get("url").asText()).isEqualTo("https://shop.example/showroom");
        Golden.assertMatches("verify-experience-failed", result.text());
    }

    @Test
    void aPageThatPassesEverything_inWords() throws Exception {
        ExperienceReport report = shown(new ExperienceReport(spec(), "https://shop.example/showroom"));
        report.budget(
                state("{\"frames\":60,\"maxFrameDrawCalls\":6,\"maxFrameTriangles\":5760,\"maxTextureBytes\":262144}"),
                2_137_221);
        report.keyboard(List.of("coat", "bag"), List.of("coat", "bag"), List.of("coat", "bag"));
        report.analytics(state("{\"events\":[\"experience_loaded\",\"hotspot_opened\"]}"));
        report.contextLoss(1, false, true, true);
        report.reducedMotion(
                drawnState(), state("{\"rafCallbacks\":2,\"frames\":1}"), state("{\"rafCallbacks\":2,\"frames\":1}"));
        report.page(List.of(), List.of(), List.of());
        ExperienceCheck.Result result = report.finish(Duration.ofMillis(5432));
        assertThat(result.failed()).isFalse();
        Golden.assertMatches("verify-experience-passed", result.text());
    }

    static JsonNode drawnState() throws Exception {
        return state("{\"firstDrawAt\":100}");
    }

    @Test
    void figuresAPageMakesUp_areReadAsNotMeasured_neverAsWithinBudget() throws Exception {
        ExperienceReport report = new ExperienceReport(spec(), "https://shop.example/");
        report.canvas(null, state("{\"canvasAt\":-5,\"firstDrawAt\":\"NaN\",\"canvasVisible\":true}"), 5000);
        report.budget(state("{\"maxFrameDrawCalls\":-1e300,\"maxFrameTriangles\":1e400}"), 0);
        report.keyboard(List.of(), List.of(), List.of());
        report.analytics(state("{}"));
        report.contextLoss(0, false, false, false);
        report.reducedMotion(state("{\"firstDrawAt\":{\"valueOf\":1}}"), state("{}"), state("{}"));
        report.page(List.of(), List.of(), List.of());
        JsonNode checks = report.finish(Duration.ZERO).report().get("checks");
        for (String id :
                List.of("canvas", "draw-calls", "triangles", "texture-memory", "context-loss", "reduced-motion")) {
            JsonNode check = find(checks, id);
            assertThat(check.get("passed").asBoolean()).as(id).isFalse();
        }
        assertThat(find(checks, "draw-calls").get("message").asText())
                .isEqualTo("not measured: the 3D canvas never drew");
    }

    @Test
    void hotspotsReachedOutOfOrder_failWithBothOrders() throws Exception {
        ExperienceReport report = shown(new ExperienceReport(spec(), "https://shop.example/"));
        report.keyboard(List.of("coat", "bag"), List.of("bag", "coat"), List.of("coat", "bag"));
        JsonNode check = find(report.finish(Duration.ZERO).report().get("checks"), "keyboard-hotspots");
        assertThat(check.get("passed").asBoolean()).isFalse();
        assertThat(check.get("message").asText())
                .isEqualTo("Tab reaches them in the order bag, coat, the spec's is coat, bag");
    }

    @Test
    void urlsInTheBrowsersMessagesLoseTheirQueries_inOnePass() {
        assertThat(ExperienceCheck.withoutQueries(
                        "TypeError at boom (https://shop.example/p?token=s3cret#x:2:24) and wss://a.example/s?k=v end"))
                .isEqualTo("TypeError at boom (https://shop.example/p) and wss://a.example/s end");
        // a long run of URL-like text without a query is still one linear pass, cut at the bound
        String hostile = "http://" + "a".repeat(200_000);
        assertThat(ExperienceCheck.withoutQueries(hostile)).hasSize(ExperienceCheck.MAX_TEXT);
    }

    static JsonNode find(JsonNode checks, String id) {
        for (JsonNode c : checks) {
            if (c.get("check").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id);
    }
}
