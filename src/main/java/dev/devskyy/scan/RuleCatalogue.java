package dev.devskyy.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.Comparator;

/**
 * The bundled rules as a model reads them to understand a finding: id, check, severity, what it
 * finds, CWE and advice. Made from the {@link RuleSet} the scanner itself loads, never a copy; no
 * regex, keyword or allowlist, which would only teach a reader how to slip past a rule.
 */
final class RuleCatalogue {
    private RuleCatalogue() {}

    static String json() {
        ObjectNode document = Json.object();
        ArrayNode list = document.putArray("rules");
        RuleSet.bundled().rules().stream()
                .sorted(Comparator.comparing(Rule::id))
                .forEach(rule -> {
                    ObjectNode entry = list.addObject();
                    entry.put("id", rule.id());
                    entry.put("check", rule.category().check());
                    entry.put("severity", rule.severity().id());
                    entry.put("description", rule.description());
                    if (rule.cwe() != null) {
                        entry.put("cwe", rule.cwe());
                    }
                    if (rule.help() != null) {
                        entry.put("help", rule.help());
                    }
                });
        document.put(
                "note",
                "Dependency findings come from the OSV database, not from rules; extra rules files (--rules) "
                        + "add to or replace these per scan (docs/scan.md).");
        return Json.compact(document);
    }
}
