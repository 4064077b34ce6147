package dev.devskyy.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.scan.deps.Advisory;
import java.util.List;

/**
 * A scan as the JSON report of docs/scan.md (version 1): a summary and the findings. The format
 * is stable: fields are only ever added.
 */
final class ScanReport {
    private ScanReport() {}

    /** @param maxFindings findings beyond this are counted in the summary but not listed */
    static ObjectNode json(ScanResult result, String toolVersion, int maxFindings) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("report_version", 1);
        report.put("tool", "devskyy");
        report.put("tool_version", toolVersion);
        report.set("summary", summary(result));
        ArrayNode list = report.putArray("findings");
        List<Finding> findings = result.findings();
        for (Finding f : findings.subList(0, Math.min(maxFindings, findings.size()))) {
            list.add(finding(f));
        }
        report.put("truncated", findings.size() > maxFindings);
        return report;
    }

    private static ObjectNode summary(ScanResult result) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("findings", result.findings().size());
        ObjectNode bySeverity = s.putObject("by_severity");
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.id(), result.count(severity));
        }
        ObjectNode byCategory = s.putObject("by_category");
        for (Category c : Category.values()) {
            byCategory.put(c.id(), result.count(c));
        }
        s.put("security_score", result.securityScore());
        s.put("fail_on", result.failOn().id());
        s.put("failed", result.failed());
        ArrayNode checks = s.putArray("checks");
        for (Category c : Category.values()) {
            if (result.checks().contains(c)) {
                checks.add(c.check());
            }
        }
        s.put("files_scanned", result.filesScanned());
        s.put("bytes_scanned", result.bytesScanned());
        s.put("duration_ms", result.durationMillis());
        if (result.git() != null) {
            s.putObject("git")
                    .put("staged", result.git().staged())
                    .put("commits", result.git().commits());
        }
        ObjectNode skipped = s.putObject("skipped");
        result.skipped().forEach((reason, n) -> skipped.put(reason.id(), n));
        ObjectNode suppressed = s.putObject("suppressed");
        result.suppressed().forEach(suppressed::put);
        ScanResult.Dependencies d = result.dependencies();
        ObjectNode deps = s.putObject("dependencies");
        deps.put("checked", d.checked());
        deps.put("manifests", d.manifests());
        deps.put("manifests_too_large", d.manifestsTooLarge());
        deps.put("packages", d.packages());
        deps.put("unpinned", d.unpinned());
        deps.put("unresolved", d.unresolved());
        deps.put("advisory_records", d.advisoryRecords());
        deps.put("note", dependencyNote(result));
        return s;
    }

    /** One sentence on what the deps check did, so that "no findings" is never read as "checked". */
    static String dependencyNote(ScanResult result) {
        ScanResult.Dependencies d = result.dependencies();
        if (result.git() != null) {
            return "dependencies are not checked in git history or staged changes";
        }
        if (!result.checks().contains(Category.DEPENDENCY)) {
            return "dependencies were not checked: deps is not among --checks";
        }
        String seen = d.packages() + " pinned packages in " + d.manifests() + " manifests"
                + (d.unpinned() > 0 ? ", " + d.unpinned() + " unpinned (not checkable)" : "")
                + (d.manifestsTooLarge() > 0
                        ? "; " + d.manifestsTooLarge() + " manifests over --max-file-size NOT read"
                        : "");
        if (!d.checked()) {
            return "dependencies were NOT checked for vulnerabilities: no --osv-db given (" + seen + ")";
        }
        return "dependencies checked against " + d.advisoryRecords() + " OSV records: " + seen
                + (d.unresolved() > 0 ? ", " + d.unresolved() + " with versions that do not parse" : "");
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("rule_id", f.ruleId());
        node.put("category", f.category().id());
        node.put("severity", f.severity().id());
        node.put("title", f.title());
        node.put("path", f.path());
        node.put("line", f.line());
        node.put("column", f.column());
        node.put("end_line", f.endLine());
        node.put("evidence", f.evidence());
        node.put("fingerprint", f.fingerprint());
        if (f.cwe() != null) {
            node.put("cwe", f.cwe());
        }
        Commit c = f.commit();
        if (c != null) {
            node.putObject("commit")
                    .put("id", c.id())
                    .put("author", c.author())
                    .put("email", c.email())
                    .put("date", c.date());
        }
        Advisory a = f.advisory();
        if (a != null) {
            ObjectNode advisory = node.putObject("advisory");
            advisory.put("id", a.id());
            ArrayNode aliases = advisory.putArray("aliases");
            a.aliases().forEach(aliases::add);
            advisory.put("ecosystem", a.ecosystem());
            advisory.put("package", a.name());
            advisory.put("version", a.version());
            if (a.fixed() != null) {
                advisory.put("fixed", a.fixed());
            }
        }
        return node;
    }
}
