package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled rule against its own true-positive and false-positive examples
 * (src/test/resources/scan/rule-examples.json): each positive is found by that rule, no negative is.
 */
class RuleExamplesTest {
    static final ContentScanner SCANNER = new ContentScanner(RuleSet.bundled(), EnumSet.allOf(Category.class));

    static JsonNode examples() throws IOException {
        try (InputStream in = RuleExamplesTest.class.getResourceAsStream("/scan/rule-examples.json")) {
            return Json.files().readTree(in);
        }
    }

    static Stream<String> ruleIds() {
        return RuleSet.bundled().rules().stream().map(Rule::id);
    }

    static List<Finding> scan(String fileName, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return SCANNER.scan(data, data.length, fileName, Path.of(fileName)).findings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void findsItsTruePositivesAndNoneOfItsFalsePositives(String ruleId) throws IOException {
        JsonNode example = examples().path(ruleId);
        assertThat(example.isObject()).as("examples for " + ruleId).isTrue();
        assertThat(example.path("positive").size())
                .as("true positives of " + ruleId)
                .isPositive();
        assertThat(example.path("negative").size())
                .as("false positives of " + ruleId)
                .isPositive();
        String file = example.path("file").asText();
        for (JsonNode positive : example.get("positive")) {
            assertThat(scan(file, positive.asText()))
                    .as(ruleId + " finds " + positive.asText())
                    .anyMatch(f -> f.ruleId().equals(ruleId));
        }
        for (JsonNode negative : example.get("negative")) {
            assertThat(scan(file, negative.asText()))
                    .as(ruleId + " leaves alone " + negative.asText())
                    .noneMatch(f -> f.ruleId().equals(ruleId));
        }
    }

    @Test
    void everyExampleNamesABundledRule() throws IOException {
        List<String> ids = ruleIds().toList();
        examples().fieldNames().forEachRemaining(id -> assertThat(ids).contains(id));
    }
}
