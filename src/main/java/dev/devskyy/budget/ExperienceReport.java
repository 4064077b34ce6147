package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.io.Printable;
import dev.devskyy.runtime.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code verify experience} found, check by check, as JSON and text. Every figure the page
 * reports is read as a bounded number: the page runs in the browser and may lie about itself, but
 * it cannot make the report large, negative or unprintable.
 */
final class ExperienceReport {
    /** The structured log entry a page writes when it falls back to 2D. */
    static final String FALLBACK_EVENT = "fallback_2d";

    /** The checks, in the order they are reported. */
    enum Check {
        CONSOLE_ERRORS,
        FAILED_REQUESTS,
        CANVAS,
        DRAW_CALLS,
        TRIANGLES,
        TEXTURE_MEMORY,
        BUNDLE_SIZE,
        KEYBOARD_HOTSPOTS,
        ANALYTICS_EVENTS,
        CONTEXT_LOSS,
        REDUCED_MOTION;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private record Outcome(boolean passed, String message) {}

    private final JsonNode spec;
    private final JsonNode budget;
    private final ObjectNode report = Json.object();
    private final ObjectNode measured = Json.object();
    private final Map<Check, Outcome> outcomes = new EnumMap<>(Check.class);
    private boolean drew;

    ExperienceReport(JsonNode spec, String url) {
        this.spec = spec;
        this.budget = spec.get("performance_budget");
        report.put("url", Printable.of(withoutQuery(url), 300));
        report.put("collection_id", spec.get("collection_id").asText());
        report.put("variant", spec.get("variant").asText());
    }

    void canvas(String navigationError, JsonNode state, long budgetMillis) {
        double canvasAt = figure(state, "canvasAt");
        double firstDraw = figure(state, "firstDrawAt");
        measured.put("time_to_canvas_ms", Math.round(canvasAt));
        measured.put("time_to_first_draw_ms", Math.round(firstDraw));
        drew = drew(state);
        if (navigationError != null) {
            record(Check.CANVAS, false, "the page did not load: " + navigationError);
        } else if (!drew) {
            record(
                    Check.CANVAS,
                    false,
                    canvasAt < 0
                            ? "no canvas[data-testid=\"3d-canvas\"] within " + budgetMillis + " ms"
                            : "the 3D canvas is hidden or drew nothing within " + budgetMillis + " ms");
        } else {
            record(
                    Check.CANVAS,
                    canvasAt <= budgetMillis,
                    String.format(
                            Locale.ROOT,
                            "shown at %.0f ms (budget %d ms), first drawn at %.0f ms",
                            canvasAt,
                            budgetMillis,
                            firstDraw));
        }
    }

    void budget(JsonNode state, long scriptBytes) {
        double drawCalls = figure(state, "maxFrameDrawCalls");
        double triangles = figure(state, "maxFrameTriangles");
        double textureMib = figure(state, "maxTextureBytes") / 1048576.0;
        double scriptKib = scriptBytes / 1024.0;
        measured.put("frames_sampled", (long) figure(state, "frames"));
        measured.put("max_draw_calls_per_frame", (long) drawCalls);
        measured.put("max_triangles_per_frame", (long) triangles);
        measured.put("texture_memory_mb", BudgetCheck.round(textureMib));
        measured.put("javascript_kb", BudgetCheck.round(scriptKib));
        limit(Check.DRAW_CALLS, drew, drawCalls, budget.get("max_draw_calls").asDouble(), "draw calls in a frame");
        limit(Check.TRIANGLES, drew, triangles, budget.get("max_triangles").asDouble(), "triangles in a frame");
        limit(
                Check.TEXTURE_MEMORY,
                drew,
                textureMib,
                budget.get("max_texture_memory_mb").asDouble(),
                "MiB of textures uploaded");
        limit(
                Check.BUNDLE_SIZE,
                true,
                scriptKib,
                budget.get("max_bundle_size_kb").asDouble(),
                "KiB of JavaScript");
    }

    private void limit(Check check, boolean measuredAtAll, double value, double max, String what) {
        if (!measuredAtAll) {
            record(check, false, "not measured: the 3D canvas never drew");
        } else if (value < 0) {
            record(check, false, "not measured: the page reported no usable figure");
        } else {
            record(
                    check,
                    value <= max,
                    BudgetCheck.number(value) + " " + what + " (budget " + BudgetCheck.number(max) + ")");
        }
    }

    void keyboard(List<String> required, List<String> reached, List<String> activated) {
        report.set(
                "hotspots_reached",
                strings(reached.stream()
                        .limit(ExperienceCheck.MAX_ENTRIES)
                        .map(id -> Printable.of(id, 100))
                        .toList()));
        if (required.isEmpty()) {
            record(Check.KEYBOARD_HOTSPOTS, true, "the spec declares no keyboard-reachable hotspot");
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> inOrder = reached.stream().filter(required::contains).toList();
        for (String id : required) {
            if (!reached.contains(id)) {
                problems.add("Tab never reaches " + id);
            } else if (!activated.contains(id)) {
                problems.add("Enter does not activate " + id);
            }
        }
        if (problems.isEmpty() && !inOrder.equals(required)) {
            problems.add("Tab reaches them in the order " + String.join(", ", inOrder) + ", the spec's is "
                    + String.join(", ", required));
        }
        record(
                Check.KEYBOARD_HOTSPOTS,
                problems.isEmpty(),
                problems.isEmpty()
                        ? "Tab reaches " + String.join(", ", required) + " in order; Enter activates each"
                        : String.join("; ", problems));
    }

    void analytics(JsonNode state) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode event : state.path("events")) {
            seen.add(event.asText());
        }
        report.set(
                "events_seen",
                strings(seen.stream()
                        .limit(ExperienceCheck.MAX_ENTRIES)
                        .map(e -> Printable.of(e, 100))
                        .toList()));
        List<String> missing = new ArrayList<>();
        for (JsonNode expected : spec.get("analytics_events")) {
            if (!seen.contains(expected.asText())) {
                missing.add(expected.asText());
            }
        }
        record(
                Check.ANALYTICS_EVENTS,
                missing.isEmpty(),
                missing.isEmpty()
                        ? spec.get("analytics_events").isEmpty()
                                ? "the spec expects none"
                                : "every expected event pushed to dataLayer"
                        : "never pushed to dataLayer: " + String.join(", ", missing));
    }

    void contextLoss(long contextsLost, boolean shownBefore, boolean fallbackShown, boolean eventLogged) {
        if (contextsLost <= 0) {
            record(Check.CONTEXT_LOSS, false, "not checked: the 3D canvas has no WebGL context to lose");
        } else if (shownBefore) {
            record(Check.CONTEXT_LOSS, false, "[data-testid=\"fallback-2d\"] is shown before the context is lost");
        } else if (!fallbackShown || !eventLogged) {
            List<String> missing = new ArrayList<>();
            if (!fallbackShown) {
                missing.add("[data-testid=\"fallback-2d\"] never shown");
            }
            if (!eventLogged) {
                missing.add("no structured {\"event\": \"" + FALLBACK_EVENT + "\"} logged");
            }
            record(Check.CONTEXT_LOSS, false, "after WEBGL_lose_context: " + String.join("; ", missing));
        } else {
            record(Check.CONTEXT_LOSS, true, "the 2D fallback shows and the fallback event is logged");
        }
    }

    void reducedMotion(JsonNode loaded, JsonNode before, JsonNode after) {
        long animationFrames = Math.max(0, (long) (figure(after, "rafCallbacks") - figure(before, "rafCallbacks")));
        long renders = Math.max(0, (long) (figure(after, "frames") - figure(before, "frames")));
        measured.put("reduced_motion_animation_frames", animationFrames);
        measured.put("reduced_motion_rendered_frames", renders);
        if (figure(loaded, "firstDrawAt") < 0) {
            record(Check.REDUCED_MOTION, false, "not checked: the 3D canvas never drew with reduced motion");
            return;
        }
        boolean still =
                animationFrames <= ExperienceCheck.MAX_STILL_FRAMES && renders <= ExperienceCheck.MAX_STILL_FRAMES;
        record(
                Check.REDUCED_MOTION,
                still,
                String.format(
                        Locale.ROOT,
                        "%s: %d animation frames and %d rendered frames in %d ms",
                        still ? "still" : "an animation loop runs",
                        animationFrames,
                        renders,
                        ExperienceCheck.SAMPLE.toMillis()));
    }

    void reducedMotionSkipped(String why) {
        record(Check.REDUCED_MOTION, false, "not checked: " + why);
    }

    void page(List<String> consoleErrors, List<ObjectNode> failedRequests, List<ObjectNode> heldRequests) {
        report.set("console_errors", strings(consoleErrors));
        ArrayNode failed = report.putArray("failed_requests");
        failedRequests.forEach(failed::add);
        ArrayNode held = report.putArray("held_requests");
        heldRequests.forEach(held::add);
        record(
                Check.CONSOLE_ERRORS,
                consoleErrors.isEmpty(),
                consoleErrors.isEmpty() ? "none" : count(consoleErrors) + ", the first: " + consoleErrors.get(0));
        record(
                Check.FAILED_REQUESTS,
                failedRequests.isEmpty(),
                failedRequests.isEmpty()
                        ? "none"
                        : count(failedRequests) + ", the first: "
                                + failedRequests.get(0).get("url").asText() + " ("
                                + failedRequests.get(0).get("reason").asText() + ")");
    }

    /** How many a kept list holds, which reads "or more" when it was cut at its bound. */
    private static String count(List<?> kept) {
        return kept.size() + (kept.size() == ExperienceCheck.MAX_ENTRIES ? " or more" : "");
    }

    ExperienceCheck.Result finish(Duration took) {
        ArrayNode checks = report.putArray("checks");
        boolean failed = false;
        for (Check check : Check.values()) {
            Outcome outcome = outcomes.getOrDefault(check, new Outcome(false, "not checked"));
            failed |= !outcome.passed();
            checks.addObject()
                    .put("check", check.id())
                    .put("passed", outcome.passed())
                    .put("message", outcome.message());
        }
        report.set("measured", measured);
        report.put("seconds", BudgetCheck.round(took.toMillis() / 1000.0));
        report.put("failed", failed);
        return new ExperienceCheck.Result(report, text(report), failed);
    }

    private void record(Check check, boolean passed, String message) {
        outcomes.put(check, new Outcome(passed, message));
    }

    /** The report in words: one line per check, then the figures. */
    static String text(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s (%s) at %s%n",
                report.get("collection_id").asText(),
                report.get("variant").asText(),
                report.get("url").asText()));
        int failures = 0;
        for (JsonNode c : report.get("checks")) {
            boolean passed = c.get("passed").asBoolean();
            failures += passed ? 0 : 1;
            out.append(String.format(
                    Locale.ROOT,
                    "  %-4s  %-17s  %s%n",
                    passed ? "ok" : "FAIL",
                    c.get("check").asText(),
                    c.get("message").asText()));
        }
        JsonNode m = report.get("measured");
        out.append(String.format(
                Locale.ROOT,
                "  measured: canvas at %d ms; per frame %d draw calls, %d triangles; textures %s MiB; JavaScript %s KiB%n",
                m.path("time_to_canvas_ms").asLong(),
                m.path("max_draw_calls_per_frame").asLong(),
                m.path("max_triangles_per_frame").asLong(),
                BudgetCheck.number(m.path("texture_memory_mb").asDouble()),
                BudgetCheck.number(m.path("javascript_kb").asDouble())));
        for (JsonNode held : report.path("held_requests")) {
            out.append(String.format(
                    Locale.ROOT,
                    "  held, not sent: %s %s%n",
                    held.get("method").asText(),
                    held.get("url").asText()));
        }
        int total = report.get("checks").size();
        out.append(failures == 0 ? "passed: " + total + " checks" : "FAILED: " + failures + " of " + total + " checks");
        return out.toString();
    }

    /** {@code url} without its query and fragment, where tokens live. */
    static String withoutQuery(String url) {
        int cut = 0;
        while (cut < url.length() && url.charAt(cut) != '?' && url.charAt(cut) != '#') {
            cut++;
        }
        return url.substring(0, cut);
    }

    /** Whether the page's 3D canvas is shown and has drawn. */
    static boolean drew(JsonNode state) {
        return figure(state, "canvasAt") >= 0
                && figure(state, "firstDrawAt") >= 0
                && state.path("canvasVisible").asBoolean();
    }

    /** A figure the page reported: a finite number at most 10^15, else -1 (absent or nonsense). */
    private static double figure(JsonNode state, String field) {
        double value = state.path(field).asDouble(-1);
        return Double.isFinite(value) && value >= 0 && value <= 1e15 ? value : -1;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = Json.array();
        values.forEach(out::add);
        return out;
    }
}
