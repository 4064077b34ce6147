package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rules file is input too: its regexes run on RE2/J, so a pattern that backtracks
 * exponentially on java.util.regex ({@code (.*a){12}$} never finishes on a line of a few
 * thousand {@code a}s) takes linear time, and what RE2/J cannot express is refused up front with
 * the file and rule named.
 */
@Tag("security")
class UserRuleEngineAttackTest {
    @TempDir
    Path dir;

    Path rulesFile(String regex) throws IOException {
        Path file = dir.resolve("rules.json");
        String escaped = regex.replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(file, """
                {"version": 1, "rules": [{"id": "user-rule", "description": "d", "category": "code",
                  "severity": "low", "regex": "%s", "keywords": ["a"]}]}
                """.formatted(escaped));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"(.*a){12}$", "(a|aa)+$", "(a+)+$", "(?:a?){64}a{64}$"})
    void exponentialPatternsRunInLinearTime(String regex) throws IOException {
        ContentScanner scanner =
                new ContentScanner(RuleSet.load(List.of(ScanTest.input(rulesFile(regex)))), EnumSet.of(Category.CODE));
        byte[] noMatch = ("a".repeat(200_000) + "b").getBytes(StandardCharsets.US_ASCII);
        byte[] match = "a".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(scanner.scan(noMatch, noMatch.length, "x.txt", Path.of("x.txt"))
                            .findings())
                    .isEmpty();
            assertThat(scanner.scan(match, match.length, "x.txt", Path.of("x.txt"))
                            .findings())
                    .isNotEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?<q>[\"'])a\\k<q>", "(a)\\1", "a(?=b)", "a(?!b)", "(?<=b)a", "(?<!b)a", "a++"})
    void whatRe2CannotExpressIsARulesFileError(String regex) throws IOException {
        Path file = rulesFile(regex);
        assertThatThrownBy(() -> RuleSet.load(List.of(ScanTest.input(file))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("rules file " + file)
                .hasMessageContaining("user-rule")
                .hasMessageContaining("RE2/J");
    }

    @Test
    void aRegexTooLongToParseQuickly_isARulesFileError() throws IOException {
        // RE2/J took 1.4 s to parse this; the length is refused before any parsing.
        Path file = rulesFile("(" + "[".repeat(100_000));
        assertThatThrownBy(() -> RuleSet.load(List.of(ScanTest.input(file))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("at most 4096 characters");
    }
}
