package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A SARIF 2.1.0 log of one devskyy run whose results each sit at one URI, for the live checks
 * (headers, experiences): a rule is declared the first time a result names it.
 */
public final class SarifLog {
    private final ObjectNode log = Json.object();
    private final ArrayNode rules;
    private final ArrayNode results;
    private final List<String> ids = new ArrayList<>();

    public SarifLog() {
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "devskyy");
        driver.put("semanticVersion", BuildInfo.version());
        rules = driver.putArray("rules");
        results = run.putArray("results");
        run.putArray("invocations").addObject().put("executionSuccessful", true);
    }

    /** A rule and how to read it. */
    public record Rule(String id, String description, String help, String securitySeverity) {}

    /**
     * One result of {@code rule}, at {@code uri}.
     *
     * @param level error, warning or note
     */
    public void result(Rule rule, String level, String message, String uri) {
        if (!ids.contains(rule.id())) {
            ids.add(rule.id());
            ObjectNode r = rules.addObject();
            r.put("id", rule.id());
            r.putObject("shortDescription").put("text", rule.id().replace('-', ' '));
            r.putObject("fullDescription").put("text", rule.description());
            r.putObject("help").put("text", rule.help()).put("markdown", rule.help());
            ObjectNode properties = r.putObject("properties");
            properties.putArray("tags").add("security");
            properties.put("security-severity", rule.securitySeverity()); // GitHub's bands: high from 7
        }
        ObjectNode result = results.addObject();
        result.put("ruleId", rule.id());
        result.put("ruleIndex", ids.indexOf(rule.id()));
        result.put("level", level);
        result.putObject("message").put("text", message);
        result.putArray("locations")
                .addObject()
                .putObject("physicalLocation")
                .putObject("artifactLocation")
                .put("uri", uri);
    }

    public ObjectNode toJson() {
        return log;
    }
}
