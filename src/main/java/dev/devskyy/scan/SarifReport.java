package dev.devskyy.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scan as SARIF 2.1.0, in the shape GitHub code scanning accepts: every rule in the driver
 * with help and CWE tags and a security-severity, results with relative URIs under %SRCROOT%,
 * regions, and devskyy's fingerprint as a partial fingerprint.
 */
final class SarifReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SarifReport() {}

    static ObjectNode of(ScanResult result, String toolVersion) {
        ObjectNode sarif = NODES.objectNode();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        ObjectNode run = sarif.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "devskyy");
        driver.put("semanticVersion", toolVersion);
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : result.rules()) {
            index.put(rule.id(), index.size());
            rules.add(rule(rule.id(), rule.description(), rule.help(), rule.cwe(), rule.severity(), rule.category()));
        }
        for (Finding f : result.findings()) {
            if (f.advisory() != null && !index.containsKey(f.ruleId())) {
                index.put(f.ruleId(), index.size());
                String help = "Upgrade " + f.advisory().name()
                        + (f.advisory().fixed() == null
                                ? "; no fixed version is known"
                                : " to " + f.advisory().fixed())
                        + ". Advisory: https://osv.dev/vulnerability/" + f.ruleId();
                rules.add(rule(f.ruleId(), f.advisory().summary(), help, null, f.severity(), Category.DEPENDENCY));
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            r.put("ruleIndex", index.get(f.ruleId()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.title() + (f.advisory() == null ? ": " + f.evidence() : ""));
            ObjectNode location = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = location.putObject("artifactLocation");
            if (f.path().startsWith("/")) {
                artifact.put("uri", Path.of(f.path()).toUri().toString());
            } else {
                artifact.put("uri", uri(f.path()));
                artifact.put("uriBaseId", "%SRCROOT%");
            }
            ObjectNode region = location.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            region.put("endLine", f.endLine());
            r.putObject("partialFingerprints").put(Baseline.SARIF_FINGERPRINT, f.fingerprint());
            ObjectNode properties =
                    r.putObject("properties").put("category", f.category().id());
            if (f.commit() != null) {
                // where the secret was added: GitHub shows a result's properties; the fingerprint holds the commit too
                properties
                        .put("commitSha", f.commit().id())
                        .put("author", f.commit().author())
                        .put("email", f.commit().email())
                        .put("date", f.commit().date());
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        return sarif;
    }

    private static ObjectNode rule(
            String id, String description, String help, String cwe, Severity severity, Category category) {
        ObjectNode rule = NODES.objectNode();
        rule.put("id", id);
        String name = name(id);
        if (!name.equalsIgnoreCase(id)) {
            // SARIF 3.49.7: a name equal to the id is to be left out
            rule.put("name", name);
        }
        rule.putObject("shortDescription").put("text", description);
        rule.putObject("fullDescription").put("text", description);
        String helpText = help == null ? description : help;
        rule.putObject("help").put("text", helpText).put("markdown", helpText);
        rule.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security");
        tags.add(category.id());
        if (cwe != null) {
            tags.add("external/cwe/" + cwe.toLowerCase(Locale.ROOT));
        }
        properties.put("security-severity", securitySeverity(severity));
        properties.put("precision", category == Category.CODE ? "medium" : "high");
        return rule;
    }

    /** SARIF wants rule names in PascalCase; ids stay as they are. */
    private static String name(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("[-_.]")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** GitHub maps security-severity to its critical (≥ 9), high (≥ 7), medium (≥ 4) and low bands. */
    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
        };
    }

    private static String uri(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a relative path is always a URI path: " + path, e);
        }
    }
}
