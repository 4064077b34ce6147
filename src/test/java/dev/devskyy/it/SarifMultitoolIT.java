package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import dev.devskyy.testing.LoopbackHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What devskyy writes as SARIF passes Microsoft's SARIF Multitool (pinned in src/test/sarif): the
 * SARIF 2.1.0 schema and its rules, and GitHub's ingestion rules (GH…). Scan's report holds a
 * secret, a code finding and a vulnerable dependency; the live checks' a page's failed tests.
 */
class SarifMultitoolIT {
    static final Path DIR = Launcher.PROJECT.resolve("src/test/sarif");
    static final Path MULTITOOL = DIR.resolve("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

    @TempDir
    Path home;

    @TempDir
    Path tree;

    @Test
    void theReportIsValidSarifThatGitHubCodeScanningAccepts() throws Exception {
        Launcher.runTool(DIR, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        String token;
        try (var in = getClass().getResourceAsStream("/scan/rule-examples.json")) {
            token = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .at("/github-token/positive/0")
                    .asText();
        }
        Files.writeString(tree.resolve("deploy.sh"), token + "\n");
        Files.createDirectories(tree.resolve("src app"));
        Files.writeString(tree.resolve("src app/calc.py"), "result = eval(expression)\n");
        Files.writeString(tree.resolve("requirements.txt"), "requests==2.19.0\n");
        Path osv = Files.createDirectories(home.resolve("osv"));
        Files.writeString(osv.resolve("PYSEC-2018-28.json"), """
                {"id":"PYSEC-2018-28","summary":"requests sends credentials over HTTP after a redirect",
                 "aliases":["CVE-2018-18074"],
                 "affected":[{"package":{"ecosystem":"PyPI","name":"requests"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.20.0"}]}]}]}
                """);
        Path report = home.resolve("devskyy.sarif");
        Launcher.Run scan = Launcher.run(
                home,
                tree,
                Map.of(),
                Launcher.SCRIPT,
                "scan",
                ".",
                "--osv-db",
                osv.toString(),
                "--format",
                "sarif",
                "-o",
                report.toString());
        assertThat(scan.code()).as(scan.err()).isEqualTo(1);
        assertThat(Json.parse(Files.readString(report)).at("/runs/0/results").size())
                .isEqualTo(3);

        String github = validate(report, "Gh");
        assertThat(github).doesNotContain("error").doesNotContain("warning");
        String sarif = validate(report, "Sarif");
        assertThat(sarif).doesNotContain(": error");
        // The one warning left: the driver has no informationUri, as devskyy has no public page.
        assertThat(sarif.lines().filter(l -> l.contains(": warning")))
                .allMatch(l -> l.contains("SARIF2005") && l.contains("informationUri"));
    }

    /** The live checks' SARIF (SarifLog: verify headers, verify experience), on a page that fails tests. */
    @Test
    void theLiveChecksReportIsValidSarifThatGitHubCodeScanningAccepts() throws Exception {
        Launcher.runTool(DIR, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        try (LoopbackHttp page = LoopbackHttp.answering(head -> "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                + "Content-Length: 30\r\nConnection: close\r\n\r\n<!doctype html><title>x</title>")) {
            Launcher.Run headers = Launcher.run(
                    home, home, Map.of(), Launcher.SCRIPT, "verify", "headers", page.url("/"), "--format", "sarif");
            assertThat(headers.code()).as(headers.err()).isEqualTo(1);
            Path report = Files.writeString(home.resolve("headers.sarif"), headers.out());
            assertThat(Json.parse(headers.out()).at("/runs/0/results").size()).isPositive();
            assertThat(validate(report, "Gh")).doesNotContain("error").doesNotContain("warning");
            String sarif = validate(report, "Sarif");
            assertThat(sarif).doesNotContain(": error");
            // besides informationUri, the one kind of warning: a result at a URL has no region, a
            // page has no lines to point at (the GitHub rules above accept it)
            assertThat(sarif.lines().filter(l -> l.contains(": warning")))
                    .isNotEmpty()
                    .allMatch(l -> (l.contains("SARIF2005") && l.contains("informationUri"))
                            || (l.contains("SARIF2017") && l.contains("'region' property is absent")));
        }
    }

    private String validate(Path report, String ruleKind) throws Exception {
        Path log = home.resolve("validation-" + ruleKind + ".sarif");
        return Launcher.runTool(
                DIR,
                List.of(
                        MULTITOOL.toString(),
                        "validate",
                        report.toString(),
                        "--rule-kind",
                        ruleKind,
                        "-o",
                        log.toString()));
    }
}
