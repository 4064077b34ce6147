package dev.devskyy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.ToolListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Every schema devskyy advertises keeps to the portable profile real hosts accept (see
 * docs/architecture.md, "What real hosts do"): a host that cannot read one schema may drop the tool
 * or the whole list. Checked over the listing hosts see, for every tool of every capability.
 */
class PortableSchemaTest {
    /** Keywords whose value is a schema, and those whose value is a list or map of schemas. */
    private static final List<String> SCHEMA = List.of("items", "additionalProperties", "not", "contains");

    private static final List<String> SCHEMA_LISTS = List.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties", "$defs");

    @Test
    void everyEnumAndConstStatesItsType() {
        assertThat(violations((pointer, node) -> {
                    if ((node.has("enum") || node.has("const")) && !node.has("type")) {
                        throw new AssertionError(pointer + " has enum or const without type");
                    }
                }))
                .isEmpty();
    }

    @Test
    void everyArrayDescribesItsItemsAndNothingIsReferenced() {
        assertThat(violations((pointer, node) -> {
                    if ("array".equals(node.path("type").asText()) && !node.has("items")) {
                        throw new AssertionError(pointer + " is an array without items");
                    }
                    if (node.has("$ref") || node.has("$defs")) {
                        throw new AssertionError(pointer + " uses $ref or $defs, which some hosts cannot resolve");
                    }
                }))
                .isEmpty();
    }

    @Test
    void theWalkSeesANestedEnumWithoutType() throws Exception {
        JsonNode schema = dev.devskyy.runtime.Json.parse(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\",\"items\":{\"enum\":[\"x\"]}}}}");
        List<String> found = new ArrayList<>();
        walk("/s", schema, (pointer, node) -> {
            if (node.has("enum") && !node.has("type")) {
                found.add(pointer);
            }
        });
        assertThat(found).containsExactly("/s/properties/a/items");
    }

    /** The check's failures, one line each, over every advertised input and output schema. */
    private static List<String> violations(BiConsumer<String, JsonNode> check) {
        List<String> failures = new ArrayList<>();
        JsonNode tools = ToolListing.of(ToolCatalogue.registry(Map.of()).list()).get("tools");
        for (JsonNode tool : tools) {
            for (String which : List.of("inputSchema", "outputSchema")) {
                walk(tool.get("name").asText() + "/" + which, tool.get(which), (pointer, node) -> {
                    try {
                        check.accept(pointer, node);
                    } catch (AssertionError e) {
                        failures.add(e.getMessage());
                    }
                });
            }
        }
        return failures;
    }

    /** Visits {@code schema} and every schema inside it, by keyword, never a property named like one. */
    private static void walk(String pointer, JsonNode schema, BiConsumer<String, JsonNode> visit) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        visit.accept(pointer, schema);
        for (String keyword : SCHEMA) {
            walk(pointer + "/" + keyword, schema.get(keyword), visit);
        }
        for (String keyword : SCHEMA_LISTS) {
            JsonNode list = schema.path(keyword);
            for (int i = 0; i < list.size(); i++) {
                walk(pointer + "/" + keyword + "/" + i, list.get(i), visit);
            }
        }
        for (String keyword : SCHEMA_MAPS) {
            schema.path(keyword)
                    .properties()
                    .forEach(e -> walk(pointer + "/" + keyword + "/" + e.getKey(), e.getValue(), visit));
        }
    }
}
