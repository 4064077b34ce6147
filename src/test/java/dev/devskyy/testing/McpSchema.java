package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The official MCP schema (2025-11-25), for checking what devskyy emits. */
public final class McpSchema {
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static ObjectNode document;

    private McpSchema() {}

    /** Asserts that {@code node} is a valid instance of the schema's {@code $defs/definition}. */
    public static void assertValid(String definition, JsonNode node) {
        List<Error> errors =
                SCHEMAS.computeIfAbsent(definition, McpSchema::compile).validate(node);
        assertThat(errors)
                .as("%s against MCP $defs/%s", Json.compact(node), definition)
                .isEmpty();
    }

    private static Schema compile(String definition) {
        ObjectNode root = document().deepCopy();
        assertThat(root.path("$defs").has(definition))
                .as("MCP schema defines " + definition)
                .isTrue();
        root.put("$ref", "#/$defs/" + definition);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root);
    }

    private static synchronized ObjectNode document() {
        if (document == null) {
            try {
                document = (ObjectNode) Json.parse(ThirdPartyTestData.bytes("mcp-schema/schema-2025-11-25.json"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return document;
    }
}
