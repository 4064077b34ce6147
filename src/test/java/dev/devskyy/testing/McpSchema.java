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
 * The official MCP schemas, for checking what devskyy emits: 2025-11-25 for the legacy era (after
 * {@code initialize}), 2026-07-28 for the modern one (per-request {@code _meta}), and the schema of
 * the tasks extension ({@code io.modelcontextprotocol/tasks}, 2026-07-28).
 */
public final class McpSchema {
    /** A specification revision whose schema is vendored. */
    public enum Revision {
        LEGACY("mcp-schema/schema-2025-11-25.json"),
        MODERN("mcp-schema/schema-2026-07-28.json"),
        TASKS("mcp-tasks/schema-tasks-2026-07-28.json");

        private final String file;
        private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
        private ObjectNode document;

        Revision(String file) {
            this.file = file;
        }

        private synchronized ObjectNode document() {
            if (document == null) {
                try {
                    document = (ObjectNode) Json.parse(ThirdPartyTestData.bytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return document;
        }

        private Schema compile(String definition) {
            ObjectNode root = document().deepCopy();
            assertThat(root.path("$defs").has(definition))
                    .as("MCP %s schema defines %s", this, definition)
                    .isTrue();
            root.put("$ref", "#/$defs/" + definition);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(root);
        }
    }

    private McpSchema() {}

    /** Asserts that {@code node} is a valid instance of the 2025-11-25 schema's {@code $defs/definition}. */
    public static void assertValid(String definition, JsonNode node) {
        assertValid(Revision.LEGACY, definition, node);
    }

    /** Asserts that {@code node} is a valid instance of the tasks extension schema's {@code $defs/definition}. */
    public static void assertValidTask(String definition, JsonNode node) {
        assertValid(Revision.TASKS, definition, node);
    }

    /** Asserts that {@code node} is a valid instance of {@code revision}'s {@code $defs/definition}. */
    public static void assertValid(Revision revision, String definition, JsonNode node) {
        List<Error> errors =
                revision.compiled.computeIfAbsent(definition, revision::compile).validate(node);
        assertThat(errors)
                .as("%s against MCP %s $defs/%s", Json.compact(node), revision, definition)
                .isEmpty();
    }
}
