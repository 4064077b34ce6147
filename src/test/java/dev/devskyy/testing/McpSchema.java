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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official MCP schema (2025-11-25) and the official schema of the tasks extension
 * ({@code io.modelcontextprotocol/tasks}, 2026-07-28), for checking what devskyy emits.
 */
public final class McpSchema {
    private static final Document CORE = new Document("mcp-schema/schema-2025-11-25.json");
    private static final Document TASKS = new Document("mcp-tasks/schema-tasks-2026-07-28.json");

    private McpSchema() {}

    /** Asserts that {@code node} is a valid instance of the MCP schema's {@code $defs/definition}. */
    public static void assertValid(String definition, JsonNode node) {
        CORE.assertValid(definition, node);
    }

    /** Asserts that {@code node} is a valid instance of the tasks extension schema's {@code $defs/definition}. */
    public static void assertValidTask(String definition, JsonNode node) {
        TASKS.assertValid(definition, node);
    }

    /** One vendored schema document, each definition compiled once. */
    private static final class Document {
        private final String path;
        private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
        private ObjectNode root;

        Document(String path) {
            this.path = path;
        }

        void assertValid(String definition, JsonNode node) {
            List<Error> errors =
                    schemas.computeIfAbsent(definition, this::compile).validate(node);
            assertThat(errors)
                    .as("%s against %s $defs/%s", Json.compact(node), path, definition)
                    .isEmpty();
        }

        private Schema compile(String definition) {
            ObjectNode copy = root().deepCopy();
            assertThat(copy.path("$defs").has(definition))
                    .as(path + " defines " + definition)
                    .isTrue();
            copy.put("$ref", "#/$defs/" + definition);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(copy);
        }

        private synchronized ObjectNode root() {
            if (root == null) {
                try {
                    root = (ObjectNode) Json.parse(ThirdPartyTestData.bytes(path));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return root;
        }
    }
}
