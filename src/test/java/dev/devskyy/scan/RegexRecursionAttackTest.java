package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * java.util.regex recurses once per repeat of a group, so a crafted secret thousands of repeats
 * long can overflow a scan worker's stack, and a file with one such decoy would have every other
 * finding in it dropped. The decoys here sit in front of a real token; the token must still be
 * found, on a thread with a worker's default stack.
 */
@Tag("security")
class RegexRecursionAttackTest {
    static final String TOKEN = ContentScannerTest.GITHUB_TOKEN;

    @ParameterizedTest
    @ValueSource(
            strings = {
                // a PEM body of escaped line breaks, as inside a JSON string
                "{\"key\": \"-----BEGIN PRIVATE KEY-----%s-----END PRIVATE KEY-----\"}",
                // a PEM body of placeholder words, repeated
                "-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----"
            })
    void aDecoyOfManyRepeatsDoesNotHideTheFilesOtherFindings(String decoy) throws Exception {
        String body = decoy.startsWith("{") ? "\\n".repeat(5000) : "abc".repeat(3900);
        String content = decoy.formatted(body) + "\ntoken = " + TOKEN + "\n";
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ContentScanner scanner = new ContentScanner(RuleSet.bundled(), EnumSet.allOf(Category.class));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(scanner.scan(data, data.length, "a.json", Path.of("a.json"))
                                .findings());
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                },
                "worker",
                0);
        worker.start();
        worker.join();
        assertThat(outcome.get()).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Finding> findings = (List<Finding>) outcome.get();
        assertThat(findings).extracting(Finding::ruleId).contains("github-token");
    }
}
