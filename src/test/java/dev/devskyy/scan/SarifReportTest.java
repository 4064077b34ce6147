package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.scan.deps.Advisory;
import dev.devskyy.scan.deps.Dependency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GitHub code scanning needs of an upload (docs: "SARIF support for code scanning"). */
class SarifReportTest {
    @TempDir
    Path dir;

    JsonNode sarif() throws Exception {
        Files.writeString(
                dir.resolve("my app.py"), "result = eval(x)\nt = '" + ContentScannerTest.GITHUB_TOKEN + "'\n");
        ScanResult result = Scan.run(ScanTest.everything(dir, "src", 1), ScanTest.QUIET);
        return SarifReport.of(result, "1.2.3");
    }

    @Test
    void versionDriverAndRulesWithHelpTagsAndSecuritySeverity() throws Exception {
        JsonNode sarif = sarif();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = sarif.at("/runs/0/tool/driver");
        assertThat(driver.path("name").asText()).isEqualTo("devskyy");
        JsonNode rules = driver.path("rules");
        assertThat(rules.size()).isEqualTo(RuleSet.bundled().rules().size() + Keystores.RULES.size());
        for (JsonNode rule : rules) {
            assertThat(rule.path("id").asText()).isNotEmpty();
            assertThat(rule.at("/shortDescription/text").asText()).isNotEmpty();
            assertThat(rule.at("/help/text").asText()).isNotEmpty();
            assertThat(rule.at("/properties/security-severity").asDouble()).isBetween(0.1, 10.0);
            assertThat(rule.at("/properties/tags").toString()).contains("security");
        }
    }

    @Test
    void resultsPointAtRulesAndRegionsWithRelativeUrisAndFingerprints() throws Exception {
        JsonNode sarif = sarif();
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results.size()).isEqualTo(2);
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        for (JsonNode r : results) {
            assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(r.path("ruleId").asText());
            JsonNode location = r.at("/locations/0/physicalLocation");
            assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo("src/my%20app.py");
            assertThat(location.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(location.at("/region/startLine").asInt()).isPositive();
            assertThat(r.at("/partialFingerprints/devskyy~1v1").asText()).matches("[0-9a-f]{32}:\\d+");
            assertThat(r.path("level").asText()).isIn("error", "warning", "note");
            assertThat(r.at("/message/text").asText()).doesNotContain(ContentScannerTest.GITHUB_TOKEN);
        }
        JsonNode secret = results.get(1);
        assertThat(secret.path("ruleId").asText()).isEqualTo("github-token");
        assertThat(rules.get(secret.path("ruleIndex").asInt())
                        .at("/properties/tags")
                        .toString())
                .contains("external/cwe/cwe-798");
    }

    @Test
    void dependencyAdvisoriesBecomeRulesOfTheirOwn() throws IOException {
        Advisory advisory = new Advisory(
                "GHSA-x",
                List.of("CVE-1"),
                "npm",
                "lodash",
                "4.17.20",
                "4.17.21",
                "Prototype pollution",
                Severity.HIGH);
        Finding f = Finding.dependency(
                new Dependency("npm", "lodash", "4.17.20", "package-lock.json", 3), advisory, "ab:1");
        ScanResult result = new ScanResult(
                List.of(f),
                List.of(),
                1,
                1,
                java.util.Map.of(),
                java.util.Map.of(),
                new ScanResult.Dependencies(true, 1, 0, 1, 0, 0, 1),
                EnumSet.allOf(Category.class),
                Severity.HIGH,
                1,
                null);
        JsonNode rule = SarifReport.of(result, "1").at("/runs/0/tool/driver/rules/0");
        assertThat(rule.path("id").asText()).isEqualTo("GHSA-x");
        assertThat(rule.at("/help/text").asText()).contains("to 4.17.21");
    }
}
