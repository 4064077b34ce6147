package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The labelled benchmark corpus (bench/corpus, measured by bench/scan-corpus.sh) cannot rot: every
 * label points at a line of a committed file that holds the labelled value, names a rule that still
 * exists (or none, for a format no rule covers yet), and the corpus keeps its size.
 */
class BenchCorpusLabelsTest {
    static final Path CORPUS = Path.of("bench/corpus");

    static JsonNode labels() throws IOException {
        return Json.files()
                .readTree(Files.readAllBytes(CORPUS.resolve("labels.json")))
                .get("labels");
    }

    @Test
    void everyLabelPointsAtALineHoldingItsValue() throws IOException {
        Map<String, List<String>> files = new HashMap<>();
        Set<String> labelledLines = new HashSet<>();
        for (JsonNode label : labels()) {
            String path = label.get("path").asText();
            int line = label.get("line").asInt();
            int endLine = label.get("end_line").asInt();
            String where = path + ":" + line;
            List<String> lines = files.computeIfAbsent(path, BenchCorpusLabelsTest::read);
            assertThat(line).as(where + " is a line of its file").isBetween(1, lines.size());
            assertThat(endLine).as(where + " ends inside its file").isBetween(line, lines.size());
            assertThat(lines.get(line - 1))
                    .as(where + " holds its value")
                    .contains(label.get("value").asText());
            assertThat(label.get("kind").asText()).as(where).isIn("secret", "decoy");
            assertThat(label.get("source").asText())
                    .as(where + " says where its format comes from")
                    .isNotBlank();
            assertThat(labelledLines.add(where)).as(where + " has one label").isTrue();
        }
    }

    @Test
    void everyNamedRuleIsABundledRule() throws IOException {
        Set<String> ruleIds = RuleSet.bundled().rules().stream().map(Rule::id).collect(Collectors.toSet());
        for (JsonNode label : labels()) {
            if (!label.get("rule").isNull()) {
                assertThat(ruleIds)
                        .as(label.get("path").asText())
                        .contains(label.get("rule").asText());
            }
        }
    }

    @Test
    void keepsAtLeast600SecretsOf150FamiliesAnd400Decoys() throws IOException {
        int secrets = 0;
        int decoys = 0;
        Set<String> families = new HashSet<>();
        for (JsonNode label : labels()) {
            if (label.get("kind").asText().equals("secret")) {
                secrets++;
                families.add(label.get("family").asText());
            } else {
                decoys++;
            }
        }
        assertThat(secrets).isGreaterThanOrEqualTo(600);
        assertThat(families).hasSizeGreaterThanOrEqualTo(150);
        assertThat(decoys).isGreaterThanOrEqualTo(400);
    }

    private static List<String> read(String path) {
        try {
            return Files.readAllLines(CORPUS.resolve("files").resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("labelled file " + path + " is missing", e);
        }
    }
}
