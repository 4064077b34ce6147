package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Validates a Collection3DExperienceSpec, measures the assets and bundle it names, and compares
 * every figure with its budget.
 */
public final class BudgetCheck {
    /** The report as JSON, as text, and whether anything is over budget. */
    public record Result(ObjectNode report, String text, boolean overBudget) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The largest asset, buffer, image or bundle file read. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private BudgetCheck() {}

    /**
     * @param assets where asset paths are relative to (null: the spec's directory)
     * @param bundle a JavaScript bundle file or directory to weigh, or null
     * @param files reads every file (granted roots)
     */
    public static Result run(Path spec, Path assets, Path bundle, AssetFiles files) {
        JsonNode document = BudgetSpec.read(spec, files);
        Path base = assets != null ? assets : spec.toAbsolutePath().getParent();
        List<GltfMeasure.Figures> figures = new ArrayList<>();
        for (JsonNode asset : document.at("/scene/assets")) {
            Path file;
            try {
                file = base.resolve(asset.asText());
            } catch (InvalidPathException e) {
                throw new BudgetException("spec " + spec + ": asset " + asset + " is not a file path");
            }
            figures.add(GltfMeasure.measure(GltfFile.load(file, files)));
        }
        BundleSize size = bundle == null ? null : BundleSize.measure(bundle, files);
        return report(document, figures, size);
    }

    private static Result report(JsonNode spec, List<GltfMeasure.Figures> figures, BundleSize bundle) {
        JsonNode budget = spec.get("performance_budget");
        ObjectNode report = NODES.objectNode();
        report.put("collection_id", spec.get("collection_id").asText());
        report.put("variant", spec.get("variant").asText());
        ArrayNode assets = report.putArray("assets");
        for (GltfMeasure.Figures f : figures) {
            assets.addObject()
                    .put("asset", f.asset())
                    .put("triangles", f.triangles())
                    .put("draw_calls", f.drawCalls())
                    .put("texture_bytes", f.textureBytes())
                    .put("textures", f.textures());
        }
        long triangles = total(figures, "triangles", GltfMeasure.Figures::triangles);
        long drawCalls = total(figures, "draw calls", GltfMeasure.Figures::drawCalls);
        long textureBytes = total(figures, "texture bytes", GltfMeasure.Figures::textureBytes);
        ArrayNode checks = report.putArray("checks");
        boolean over = check(
                checks, "triangles", triangles, budget.get("max_triangles").asDouble());
        over |= check(
                checks, "draw_calls", drawCalls, budget.get("max_draw_calls").asDouble());
        over |= check(
                checks,
                "texture_memory_mb",
                textureBytes / 1048576.0,
                budget.get("max_texture_memory_mb").asDouble());
        if (bundle != null) {
            report.putObject("bundle")
                    .put("bytes", bundle.bytes())
                    .put("gzip_bytes", bundle.gzipBytes())
                    .put("files", bundle.files());
            over |= check(
                    checks,
                    "bundle_size_kb",
                    bundle.bytes() / 1024.0,
                    budget.get("max_bundle_size_kb").asDouble());
        }
        ArrayNode offenders = report.putArray("largest");
        offender(offenders, figures, "triangles", GltfMeasure.Figures::triangles);
        offender(offenders, figures, "draw_calls", GltfMeasure.Figures::drawCalls);
        offender(offenders, figures, "texture_bytes", GltfMeasure.Figures::textureBytes);
        report.put("over_budget", over);
        return new Result(report, text(report), over);
    }

    /**
     * The sum over all assets. Each figure is a non-negative long, but eight of them near the top
     * of the range wrap to a negative total that would pass any budget: an overflow is an error.
     */
    private static long total(
            List<GltfMeasure.Figures> figures, String what, ToLongFunction<GltfMeasure.Figures> value) {
        long sum = 0;
        for (GltfMeasure.Figures f : figures) {
            try {
                sum = Math.addExact(sum, value.applyAsLong(f));
            } catch (ArithmeticException e) {
                throw new BudgetException("the assets' " + what + " add up to more than any renderer draws (overflow)");
            }
        }
        return sum;
    }

    private static boolean check(ArrayNode checks, String metric, double value, double limit) {
        boolean over = value > limit;
        checks.addObject()
                .put("metric", metric)
                .put("value", round(value))
                .put("limit", limit)
                .put("percent", limit == 0 ? (value == 0 ? 0 : 100000) : round(100 * value / limit))
                .put("over", over);
        return over;
    }

    private static void offender(
            ArrayNode out,
            List<GltfMeasure.Figures> figures,
            String metric,
            ToLongFunction<GltfMeasure.Figures> value) {
        figures.stream()
                .max(Comparator.comparingLong(value))
                .filter(f -> value.applyAsLong(f) > 0)
                .ifPresent(f -> out.addObject()
                        .put("metric", metric)
                        .put("asset", f.asset())
                        .put("value", value.applyAsLong(f)));
    }

    /** A figure to two decimals, as reports show it. */
    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String text(ObjectNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s (%s)%n",
                report.get("collection_id").asText(),
                report.get("variant").asText()));
        out.append(
                String.format(Locale.ROOT, "  %-32s %12s %10s %12s%n", "asset", "triangles", "draws", "texture MiB"));
        for (JsonNode a : report.get("assets")) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-32s %12d %10d %12.2f%n",
                    a.get("asset").asText(),
                    a.get("triangles").asLong(),
                    a.get("draw_calls").asLong(),
                    a.get("texture_bytes").asLong() / 1048576.0));
        }
        if (report.has("bundle")) {
            out.append(String.format(
                    Locale.ROOT,
                    "  bundle: %d bytes, %d gzipped, %d files%n",
                    report.at("/bundle/bytes").asLong(),
                    report.at("/bundle/gzip_bytes").asLong(),
                    report.at("/bundle/files").asInt()));
        }
        for (JsonNode c : report.get("checks")) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-4s %-18s %12s of %-12s %7.1f%%%n",
                    c.get("over").asBoolean() ? "OVER" : "ok",
                    c.get("metric").asText(),
                    number(c.get("value").asDouble()),
                    number(c.get("limit").asDouble()),
                    c.get("percent").asDouble()));
        }
        for (JsonNode o : report.get("largest")) {
            out.append(String.format(
                    Locale.ROOT,
                    "  largest %s: %s (%d)%n",
                    o.get("metric").asText(),
                    o.get("asset").asText(),
                    o.get("value").asLong()));
        }
        out.append(report.get("over_budget").asBoolean() ? "OVER BUDGET" : "within budget");
        return out.toString();
    }

    /** A figure in words: whole numbers without decimals, others to two. */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
