package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ResourceSpec;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class RuleCatalogueTest {
    @Test
    void listsEveryBundledRule_byId_asTheScannerLoadsIt() throws Exception {
        JsonNode rules = Json.parse(RuleCatalogue.json()).get("rules");
        assertThat(rules.findValuesAsText("id"))
                .containsExactlyElementsOf(RuleSet.bundled().rules().stream()
                        .map(Rule::id)
                        .sorted(Comparator.naturalOrder())
                        .toList());
        Rule first = RuleSet.bundled().rules().stream()
                .min(Comparator.comparing(Rule::id))
                .orElseThrow();
        JsonNode entry = rules.get(0);
        assertThat(entry.get("severity").asText()).isEqualTo(first.severity().id());
        assertThat(entry.get("check").asText()).isEqualTo(first.category().check());
        assertThat(entry.get("description").asText()).isEqualTo(first.description());
    }

    @Test
    void saysWhatARuleFinds_neverHowItMatches() throws Exception {
        for (JsonNode rule : Json.parse(RuleCatalogue.json()).get("rules")) {
            assertThat(rule.properties().stream().map(java.util.Map.Entry::getKey))
                    .isSubsetOf("id", "check", "severity", "description", "cwe", "help");
        }
    }

    @Test
    void isOfferedAsAResourceOfTheScanCapability() {
        ResourceSpec resource = ScanTools.resources().get(0);
        assertThat(resource.uri()).isEqualTo("devskyy://scan/rules");
        assertThat(resource.perCaller()).isFalse();
        assertThat(resource.reader().read(null)).isEqualTo(RuleCatalogue.json());
    }
}
