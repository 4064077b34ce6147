package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentScannerTest {
    /** A GitHub token with a valid checksum (see rule-examples.json). */
    static final String GITHUB_TOKEN =
            "ghp_" + "Kf0AujhwALxY5bOuKbaZMQ8DR3MDYJ" + SecretChecks.base62(crc("Kf0AujhwALxY5bOuKbaZMQ8DR3MDYJ"), 6);

    static final String PEM = "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oJwTTUjyG6tKoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEo4bwvUq8v3cWnqHNYFZ2kV7G+WmlwwHqCzAIl0Jpj2C4oNtt2gS1\n"
            + "-----END EC PRIVATE KEY-----\n";

    static long crc(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    static ContentScanner.Result scan(String fileName, String content, Set<Category> checks) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return new ContentScanner(RuleSet.bundled(), checks).scan(data, data.length, fileName, Path.of(fileName));
    }

    static List<Finding> scan(String fileName, String content) {
        return scan(fileName, content, EnumSet.allOf(Category.class)).findings();
    }

    /** A finding is where its secret is, to the match's end: the key's material through its END line. */
    /**
     * A rule that ends its secret at the end of a line ($) ends it at the end of any line, not only
     * the file's last (the file's text is one input: a bare $ would mean its end).
     */
    @Test
    void anUnquotedVendorKeyIsFoundOnAnyLine_notOnlyTheLast() {
        String key = "e71e5a080a3b8d617fae77bc01685b3a3fa78cb3";
        for (String content : List.of(
                "SPARKPOST_KEY=" + key + "\nLOG_LEVEL=info\n",
                "SPARKPOST_KEY=" + key + "\n\n",
                "SPARKPOST_KEY=" + key + "\r\nLOG_LEVEL=info\r\n",
                "LOG_LEVEL=info\nSPARKPOST_KEY=" + key)) {
            assertThat(scan("app.env", content))
                    .as(content)
                    .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("sparkpost-api-key"));
        }
    }

    @Test
    void aPemBlockIsFoundFromItsKeyMaterialToItsEndLine() {
        List<Finding> findings = scan("key.pem", "header\n" + PEM);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("private-key");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.column()).isEqualTo(1);
            assertThat(f.endLine()).isEqualTo(5);
        });
    }

    /** A rule that knows a secret by lines before it points at the secret's own line and column. */
    @Test
    void aSecretKnownByItsContextIsFoundOnItsOwnLine() {
        String config =
                "{\n  \"auths\": {\n    \"registry.corp.io\": {\n      \"auth\": \"ZGVwbG95OlN1bW1pdDQzNiF6ckg5UUI=\"\n    }\n  }\n}\n";
        assertThat(scan("config.json", config)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("docker-config-auth");
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.column()).isEqualTo(16);
        });
    }

    @Test
    void aSecretFarIntoALargeFileIsFound_noReadBufferToStraddle() {
        String filler = "x = 1\n".repeat(300_000);
        List<Finding> findings = scan("big.py", filler + "token = '" + GITHUB_TOKEN + "'");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("github-token");
            assertThat(f.line()).isEqualTo(300_001);
        });
    }

    @Test
    void evidenceShowsOnlyAShortPrefixOfTheSecret() {
        Finding f = scan("a.sh", "export T=" + GITHUB_TOKEN).get(0);
        assertThat(f.evidence()).isEqualTo("ghp_…").doesNotContain(GITHUB_TOKEN.substring(4));
    }

    @Test
    void aTokenWithAWrongChecksumIsNotAGitHubToken() {
        String wrong = GITHUB_TOKEN.substring(0, 39) + (GITHUB_TOKEN.endsWith("0") ? "1" : "0");
        assertThat(scan("a.sh", "export T=" + wrong)).isEmpty();
    }

    @Test
    void inlineMarkersSuppressAndAreCounted() {
        String content = "a = '" + GITHUB_TOKEN + "'  # devskyy:allow\n"
                + "b = '" + GITHUB_TOKEN + "'  # gitleaks:allow\n"
                + "result = eval(expr)  # nosec\n";
        ContentScanner.Result result = scan("a.py", content, EnumSet.allOf(Category.class));
        assertThat(result.findings()).isEmpty();
        assertThat(result.suppressed()).isEqualTo(3);
    }

    @Test
    void nosecSilencesCodeRulesOnly_notSecrets() {
        List<Finding> findings = scan("a.py", "t = '" + GITHUB_TOKEN + "'  # nosec\n");
        assertThat(findings).extracting(Finding::ruleId).containsExactly("github-token");
    }

    @Test
    void fingerprintsSurviveLinesAddedAbove_andNumberRepeats() {
        String line = "t = '" + GITHUB_TOKEN + "'\n";
        List<Finding> before = scan("a.py", line + line);
        List<Finding> after = scan("a.py", "import os\n\n" + line + line);
        assertThat(after)
                .extracting(Finding::fingerprint)
                .isEqualTo(before.stream().map(Finding::fingerprint).toList());
        assertThat(after).extracting(Finding::line).containsExactly(3, 4);
        assertThat(before.get(0).fingerprint()).endsWith(":1");
        assertThat(before.get(1).fingerprint()).endsWith(":2");
        assertThat(scan("b.py", line).get(0).fingerprint())
                .isNotEqualTo(before.get(0).fingerprint());
    }

    @Test
    void columnsCountUtf16UnitsAfterMultiByteCharacters() {
        Finding f = scan("a.sh", "é€ T=" + GITHUB_TOKEN).get(0);
        assertThat(f.column()).isEqualTo(6);
    }

    @Test
    void crlfLinesAndAFinalLineWithoutNewline() {
        List<Finding> findings = scan("a.py", "x = 1\r\nDEBUG = True\r\ny = eval(z)");
        assertThat(findings)
                .extracting(Finding::ruleId, Finding::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SEC012", 2),
                        org.assertj.core.groups.Tuple.tuple("SEC009", 3));
    }

    @Test
    void oneSecretIsReportedOnce_byTheMostSpecificRule_andHardCodedKeyChecksYieldToIt() {
        List<Finding> findings = scan("settings.py", "API_KEY = \"" + GITHUB_TOKEN + "\"\n");
        assertThat(findings).extracting(Finding::ruleId).containsExactly("github-token");
    }

    @Test
    void fileGlobsLimitRules_configRulesStayOutOfCode() {
        String line = "api_token: Zq8vN3xR7tLp2WmK9sYb\n";
        assertThat(scan("app.yml", line)).extracting(Finding::ruleId).containsExactly("generic-secret-config");
        assertThat(scan("app.py", line)).isEmpty();
    }

    @Test
    void checksChooseTheDetectors() {
        String content = "t = '" + GITHUB_TOKEN + "'\nresult = eval(x)\n";
        assertThat(scan("a.py", content, EnumSet.of(Category.CODE)).findings())
                .extracting(Finding::ruleId)
                .containsExactly("SEC009");
        assertThat(scan("a.py", content, EnumSet.of(Category.SECRET)).findings())
                .extracting(Finding::ruleId)
                .containsExactly("github-token");
        assertThat(new ContentScanner(RuleSet.bundled(), EnumSet.of(Category.CODE)).rules())
                .isNotEmpty()
                .allMatch(rule -> rule.category() == Category.CODE);
    }
}
