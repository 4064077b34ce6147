package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCliTest {
    @TempDir
    Path dir;

    Path repo;

    /** A GitHub token whose checksum is right: the github-token rule's own true-positive example. */
    static String githubToken() throws Exception {
        try (var in = ScanCliTest.class.getResourceAsStream("/scan/rule-examples.json")) {
            String line = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .at("/github-token/positive/0")
                    .asText();
            return line.substring(line.indexOf("ghp_"));
        }
    }

    @BeforeEach
    void tree() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("clean.py"), "print('hi')\n");
    }

    CatalogueRunner.Run run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("XDG_STATE_HOME", dir.toString()));
        env.putAll(extraEnv);
        return CatalogueRunner.run(env, new byte[0], args);
    }

    CatalogueRunner.Run run(String... args) {
        return run(Map.of(), args);
    }

    void leak() throws Exception {
        Files.writeString(repo.resolve("deploy.sh"), "export GITHUB_TOKEN=" + githubToken() + "\n");
    }

    @Test
    void aCleanTreePassesWithExit0() {
        CatalogueRunner.Run clean = run("scan", repo.toString());
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.text()).contains("0 findings").contains("passed at --fail-on high");
    }

    @Test
    void aLeakedTokenFailsWithExit1_groupedByFile_andRedacted() throws Exception {
        leak();
        CatalogueRunner.Run found = run("scan", repo.toString());
        assertThat(found.code()).isEqualTo(1);
        assertThat(found.text())
                .contains(repo + "/deploy.sh\n  1:21")
                .contains("github-token")
                .contains("ghp_…")
                .doesNotContain(githubToken())
                .contains("FAILED");
        assertThat(found.text()).doesNotContain("\u001b[");
    }

    @Test
    void aTokenInsideAZip_isFoundAsZipBangEntry_unlessNoArchives() throws Exception {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(repo.resolve("bundle.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("conf/deploy.sh"));
            zip.write(("\nexport GITHUB_TOKEN=" + githubToken() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        CatalogueRunner.Run found = run("scan", repo.toString());
        assertThat(found.code()).isEqualTo(1);
        assertThat(found.text())
                .contains(repo + "/bundle.zip!conf/deploy.sh\n  2:21")
                .doesNotContain(githubToken());
        CatalogueRunner.Run skipped = run("scan", repo.toString(), "--no-archives");
        assertThat(skipped.code()).isZero();
        assertThat(skipped.text()).contains("1 binary");
    }

    @Test
    void failOnSetsTheBar() throws Exception {
        Files.writeString(repo.resolve("settings.py"), "DEBUG = True\n");
        assertThat(run("scan", repo.toString()).code()).isZero();
        assertThat(run("scan", repo.toString(), "--fail-on", "medium").code()).isEqualTo(1);
        assertThat(run("scan", repo.toString(), "--fail-on", "loud").code()).isEqualTo(2);
    }

    @Test
    void jsonAndSarifOnStdout() throws Exception {
        leak();
        CatalogueRunner.Run json = run("scan", repo.toString(), "--format", "json");
        assertThat(json.code()).isEqualTo(1);
        assertThat(Json.parse(json.text()).at("/findings/0/rule_id").asText()).isEqualTo("github-token");
        CatalogueRunner.Run sarif = run("scan", repo.toString(), "--format", "sarif");
        assertThat(Json.parse(sarif.text()).at("/runs/0/results/0/ruleId").asText())
                .isEqualTo("github-token");
        assertThat(json.text() + sarif.text()).doesNotContain(githubToken());
    }

    @Test
    void outputGoesToAFileAtomically_andTheSummaryToStderr() throws Exception {
        leak();
        Path report = dir.resolve("out/report.sarif");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "old");
        CatalogueRunner.Run run = run("scan", repo.toString(), "--format", "sarif", "-o", report.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.text()).isEmpty();
        assertThat(run.err()).contains("1 findings").contains("written to");
        assertThat(Json.parse(Files.readString(report)).path("version").asText())
                .isEqualTo("2.1.0");
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void colourOnlyOnATerminal_andNeverWithNoColor() throws Exception {
        leak();
        Map<String, String> tty = Map.of("DEVSKYY_STDOUT_TTY", "1");
        assertThat(run(tty, "scan", repo.toString()).text()).contains("\u001b[");
        assertThat(run(Map.of("DEVSKYY_STDOUT_TTY", "1", "NO_COLOR", ""), "scan", repo.toString())
                        .text())
                .doesNotContain("\u001b[");
        assertThat(run(tty, "scan", "--no-color", repo.toString()).text()).doesNotContain("\u001b[");
    }

    @Test
    void checksBaselineAndRulesFromTheCommandLine() throws Exception {
        leak();
        assertThat(run("scan", repo.toString(), "--checks", "code,deps").code()).isZero();
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(
                baseline, run("scan", repo.toString(), "--format", "json").text());
        CatalogueRunner.Run accepted = run("scan", repo.toString(), "--baseline", baseline.toString());
        assertThat(accepted.code()).isZero();
        assertThat(accepted.text()).contains("1 baseline");
        Path rules = Files.writeString(dir.resolve("rules.json"), """
                {"rules":[{"id":"hello","description":"says hi","category":"code","severity":"critical",
                  "regex":"print\\\\('hi'\\\\)","keywords":["print"]}]}
                """);
        CatalogueRunner.Run custom = run("scan", repo.toString(), "--checks", "code", "--rules", rules.toString());
        assertThat(custom.code()).isEqualTo(1);
        assertThat(custom.text()).contains("hello");
    }

    @Test
    void badInputIsExit2WithAClearError() throws Exception {
        assertThat(run("scan", dir.resolve("missing").toString()).err())
                .contains("does not exist")
                .contains("missing");
        assertThat(run("scan", dir.resolve("missing").toString()).code()).isEqualTo(2);
        assertThat(run("scan", repo.toString(), "--format", "xml").code()).isEqualTo(2);
        CatalogueRunner.Run unknownOption = run("scan", repo.toString(), "--frobnicate");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option").contains("Try 'devskyy scan --help'.");
        assertThat(run("scan", repo.toString(), "--checks", "viruses").code()).isEqualTo(2);
        assertThat(run("scan", repo.toString(), "--max-file-size", "0").code()).isEqualTo(2);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"rules\":[");
        CatalogueRunner.Run badRules = run("scan", repo.toString(), "--rules", broken.toString());
        assertThat(badRules.code()).isEqualTo(2);
        assertThat(badRules.err()).contains("broken.json");
    }

    /** security_scan through tools call, with filesystem:read granted on the repository. */
    CatalogueRunner.Run scanTool(String argsJson) {
        return run(
                "tools",
                "call",
                "security_scan",
                "--allow",
                "filesystem:read",
                "--root",
                repo.toString(),
                "--args-json",
                argsJson);
    }

    @Test
    void theToolIsDeniedWithoutAGrant_andOutsideItsRoots() {
        CatalogueRunner.Run denied =
                run("tools", "call", "security_scan", "--args-json", "{\"paths\":[\"" + repo + "\"]}");
        assertThat(denied.code()).isEqualTo(3);
        assertThat(denied.err()).contains("E4003").contains("filesystem:read");
        CatalogueRunner.Run outside = scanTool("{\"paths\":[\"" + dir + "\"]}");
        assertThat(outside.code()).isEqualTo(3);
        assertThat(outside.err()).contains("outside the granted roots");
        CatalogueRunner.Run report =
                scanTool("{\"paths\":[\"" + repo + "\"],\"output\":\"" + repo.resolve("r.json") + "\"}");
        assertThat(report.code()).as("writing a report needs filesystem:write").isEqualTo(3);
        assertThat(Files.exists(repo.resolve("r.json"))).isFalse();
    }
}
