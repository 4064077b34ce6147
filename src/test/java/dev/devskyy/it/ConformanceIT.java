package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite (pinned in src/test/conformance, run on the Node 22 it needs)
 * runs the server scenarios that the 2026-07-28 revision requires against the real server, through
 * the test-only {@link HttpBridge}. Failures listed, each with its reason, in
 * src/test/resources/conformance/expected-failures.yml are allowed; the suite itself exits non-zero
 * on any other failure and on an entry that no longer fails, so the list cannot go stale.
 *
 * <p>{@code -Dconformance.scenario=NAME} runs one scenario instead of the whole requirement set;
 * {@code -Dconformance.results=DIR} keeps the suite's checks.json files there.
 */
class ConformanceIT {
    static final Path SUITE = Launcher.PROJECT.resolve("src/test/conformance");
    static final Path EXPECTED_FAILURES =
            Launcher.PROJECT.resolve("src/test/resources/conformance/expected-failures.yml");

    @TempDir
    Path work;

    @Test
    void theServerScenariosOf20260728PassExceptTheExplainedExpectedFailures() throws Exception {
        Launcher.runTool(SUITE, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        Path results = Path.of(System.getProperty(
                "conformance.results", work.resolve("results").toString()));
        try (LoopbackAuthorizationServer issuer = LoopbackAuthorizationServer.start();
                RemoteServer server = RemoteServer.start(
                        work,
                        Map.of(),
                        "--oauth-issuer",
                        issuer.issuer(),
                        "--allow",
                        "filesystem:read",
                        "--root",
                        work.toString())) {
            List<String> command = new ArrayList<>(List.of(
                    SUITE.resolve("node_modules/.bin/node").toString(),
                    "--import",
                    SUITE.resolve("bearer.mjs").toString(),
                    SUITE.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js")
                            .toString(),
                    "server",
                    "--url",
                    server.endpoint(),
                    "--expected-failures",
                    EXPECTED_FAILURES.toString(),
                    "--output-dir",
                    results.toString()));
            String scenario = System.getProperty("conformance.scenario");
            command.addAll(
                    scenario == null || scenario.isBlank()
                            ? List.of("--requirements", "2026-07-28")
                            : List.of("--spec-version", "2026-07-28", "--scenario", scenario));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
            // a token for this server, valid for the whole run
            builder.environment()
                    .put(
                            "DEVSKYY_CONFORMANCE_TOKEN",
                            issuer.token(server.endpoint(), "conformance", "filesystem:read", 3600));
            Process suite = builder.redirectErrorStream(true).start();
            suite.getOutputStream().close();
            String report = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(suite.waitFor(30, TimeUnit.MINUTES)).isTrue();
            System.out.println(report);
            System.out.println(summary(results));
            assertThat(suite.exitValue())
                    .as("conformance suite exit code (unexpected failure or stale expected failure):\n" + report)
                    .isZero();
        }
    }

    /**
     * One line per scenario with its check counts by status, from the suite's checks.json files,
     * then every check that did not succeed with its message: what the expected-failures file and
     * the server's authors need to see.
     */
    private static String summary(Path results) throws IOException {
        Map<String, Map<String, Integer>> byScenario = new TreeMap<>();
        List<String> notPassed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file :
                    files.filter(path -> path.endsWith("checks.json")).sorted().toList()) {
                String scenario = file.getParent()
                        .getFileName()
                        .toString()
                        .replaceFirst("^server-", "")
                        .replaceFirst("-\\d{4}-\\d\\d-\\d\\dT.*$", "");
                Map<String, Integer> counts = byScenario.computeIfAbsent(scenario, name -> new TreeMap<>());
                for (JsonNode check : Json.readFile(Files.readAllBytes(file))) {
                    String status = check.path("status").asText();
                    counts.merge(status, 1, Integer::sum);
                    if (status.equals("FAILURE") || status.equals("WARNING")) {
                        notPassed.add(String.format(
                                "  %-7s %s:%s  %s%n",
                                status,
                                scenario,
                                check.path("id").asText(),
                                check.path("errorMessage").asText("").replace('\n', ' ')));
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder("conformance summary (checks by status):\n");
        Map<String, Integer> total = new TreeMap<>();
        byScenario.forEach((scenario, counts) -> {
            text.append(String.format("  %-50s %s%n", scenario, counts));
            counts.forEach((status, count) -> total.merge(status, count, Integer::sum));
        });
        text.append(String.format("  %-50s %s%n", "TOTAL", total)).append("checks not passed:\n");
        notPassed.forEach(text::append);
        return text.toString();
    }
}
