package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CspCliTest {
    @TempDir
    Path dir;

    static final String STRICT = "default-src 'none'; script-src 'nonce-r4nd0mPerResponseAbCdEfGh12' 'strict-dynamic';"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; report-to csp";

    CatalogueRunner.Run run(String stdin, String... args) {
        return CatalogueRunner.run(
                Map.of("XDG_STATE_HOME", dir.toString()), stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @Test
    void aStrictPolicyPasses_aWeakOneFailsWithExit1() {
        CatalogueRunner.Run strict = run("", "verify", "csp", STRICT);
        assertThat(strict.code()).as(strict.text()).isZero();
        assertThat(strict.text()).contains("0 high, 0 medium, 0 low, 0 info: passes at --fail-on high");
        CatalogueRunner.Run weak = run("", "verify", "csp", "script-src 'self' 'unsafe-inline'");
        assertThat(weak.code()).isEqualTo(1);
        assertThat(weak.text()).contains("HIGH").contains("FAILS");
    }

    @Test
    void failOnSetsTheBar() {
        String mediumOnly = STRICT.replace("frame-ancestors 'none'; ", "");
        assertThat(run("", "verify", "csp", mediumOnly).code()).isZero();
        assertThat(run("", "verify", "csp", mediumOnly, "--fail-on", "medium").code())
                .isEqualTo(1);
        assertThat(run("", "verify", "csp", mediumOnly, "--fail-on", "loud").code())
                .isEqualTo(2);
    }

    @Test
    void policiesComeInlineFromStdinOrFromAFile_andJsonHasTheFindings() throws Exception {
        assertThat(run(STRICT, "verify", "csp", "-").code()).isZero();
        Path file = Files.writeString(dir.resolve("policy.txt"), "img-src *\n");
        CatalogueRunner.Run fromFile = run("", "verify", "csp", "@" + file, "--json");
        assertThat(Json.parse(fromFile.text()).at("/policies/0/policy").asText())
                .isEqualTo("img-src *");
        assertThat(Json.parse(fromFile.text()).at("/counts/high").asInt()).isPositive();
        assertThat(run("", "verify", "csp", "@" + dir.resolve("none")).code()).isEqualTo(2);
        assertThat(run("", "verify", "csp", " , ").code()).isEqualTo(2);
    }

    @Test
    void buildPrintsHeaders_orJsonWithTheNonce() throws Exception {
        CatalogueRunner.Run text =
                run("", "csp", "build", "--profile", "production", "--report-only", "--report-uri", "/r");
        assertThat(text.text())
                .startsWith("Content-Security-Policy-Report-Only: default-src 'self';")
                .contains("report-uri /r")
                .contains("X-Frame-Options: DENY");
        var json = Json.parse(run("", "csp", "build", "--json").text());
        assertThat(json.at("/headers/Content-Security-Policy").asText())
                .contains(json.get("nonce").asText());
        assertThat(run("", "csp", "build", "--profile", "staging").code()).isEqualTo(2);
    }
}
