package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolListing;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.testing.McpSchema;
import dev.devskyy.testing.McpSchema.Revision;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks what the server sent against the official MCP schema of each message's era, message by
 * message: an answer to a modern request (its {@code _meta} names a protocol version) against
 * 2026-07-28, an answer to a legacy one against 2025-11-25, and what belongs to no request
 * (notifications, unparsable input) against both.
 */
final class McpMessages {
    private static final Map<String, String> PROMPT_AND_RESOURCE_RESULTS = Map.of(
            "prompts/list", "ListPromptsResult",
            "prompts/get", "GetPromptResult",
            "resources/list", "ListResourcesResult",
            "resources/templates/list", "ListResourceTemplatesResult",
            "resources/read", "ReadResourceResult");
    private static final Map<String, String> LEGACY_RESULTS = with(
            PROMPT_AND_RESOURCE_RESULTS,
            Map.of(
                    "initialize", "InitializeResult",
                    "tools/list", "ListToolsResult",
                    "tools/call", "CallToolResult",
                    "ping", "Result",
                    "logging/setLevel", "Result"));
    private static final Map<String, String> MODERN_RESULTS = with(
            PROMPT_AND_RESOURCE_RESULTS,
            Map.of(
                    "server/discover", "DiscoverResult",
                    "tools/list", "ListToolsResult",
                    "tools/call", "CallToolResult"));
    /** Errors whose {@code data} the 2026-07-28 schema prescribes. */
    private static final Map<Integer, String> MODERN_ERRORS = Map.of(
            JsonRpc.HEADER_MISMATCH, "HeaderMismatchError",
            JsonRpc.MISSING_CLIENT_CAPABILITY, "MissingRequiredClientCapabilityError",
            JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "UnsupportedProtocolVersionError");

    private static final Map<String, String> NOTIFICATIONS = Map.of(
            "notifications/progress", "ProgressNotification",
            "notifications/message", "LoggingMessageNotification");

    private McpMessages() {}

    private static Map<String, String> with(Map<String, String> shared, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(shared);
        all.putAll(own);
        return Map.copyOf(all);
    }

    /**
     * Every message is a JSON-RPC message of its era's schema; results and notifications are of the
     * type their method calls for; tool results match the tool's advertised output schema.
     */
    static void assertValid(byte[] clientInput, Iterable<JsonNode> sent) {
        Map<JsonNode, JsonNode> requests = requestsById(clientInput);
        for (JsonNode message : sent) {
            JsonNode request = message.has("id") ? requests.get(message.get("id")) : null;
            if (message.has("method")) {
                String type = NOTIFICATIONS.get(message.get("method").asText());
                assertThat(type).as("notification kind of " + message).isNotNull();
                McpSchema.assertValid(Revision.LEGACY, type, message);
                McpSchema.assertValid(Revision.MODERN, type, message);
            } else if (request == null) {
                assertThat(message.has("error"))
                        .as("an answer to no request is an error: " + message)
                        .isTrue();
                McpSchema.assertValid(Revision.LEGACY, "JSONRPCErrorResponse", message);
                McpSchema.assertValid(Revision.MODERN, "JSONRPCErrorResponse", message);
            } else if (request.get("params") instanceof ObjectNode params && Envelope.claimed(params)) {
                assertValidModern(request, message);
            } else {
                assertValidLegacy(request, message);
            }
        }
    }

    private static void assertValidModern(JsonNode request, JsonNode message) {
        McpSchema.assertValid(Revision.MODERN, "JSONRPCMessage", message);
        if (message.has("error")) {
            McpSchema.assertValid(Revision.MODERN, "JSONRPCErrorResponse", message);
            int code = message.at("/error/code").asInt();
            assertThat(code).as("a modern request is never told to initialize").isNotEqualTo(JsonRpc.NOT_INITIALIZED);
            if (code <= -32020 && code >= -32099) {
                assertThat(MODERN_ERRORS)
                        .as("-32020…-32099 codes are the specification's")
                        .containsKey(code);
                McpSchema.assertValid(Revision.MODERN, MODERN_ERRORS.get(code), message);
            }
            return;
        }
        String method = request.get("method").asText();
        assertThat(MODERN_RESULTS).as("a modern result type for " + method).containsKey(method);
        McpSchema.assertValid(Revision.MODERN, MODERN_RESULTS.get(method), message.get("result"));
        assertThat(message.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name")
                        .asText())
                .as("serverInfo in a modern result's _meta")
                .isEqualTo("devskyy");
        assertToolResultMatchesItsOutputSchema(request, message);
    }

    private static void assertValidLegacy(JsonNode request, JsonNode message) {
        McpSchema.assertValid(Revision.LEGACY, "JSONRPCMessage", message);
        if (message.has("error")) {
            McpSchema.assertValid(Revision.LEGACY, "JSONRPCErrorResponse", message);
            return;
        }
        String method = request.get("method").asText();
        if ("server/discover".equals(method)) {
            // not in 2025-11-25: a legacy client probing gets the modern answer
            McpSchema.assertValid(Revision.MODERN, "DiscoverResult", message.get("result"));
            return;
        }
        assertThat(LEGACY_RESULTS).as("a legacy result type for " + method).containsKey(method);
        McpSchema.assertValid(Revision.LEGACY, LEGACY_RESULTS.get(method), message.get("result"));
        assertThat(message.get("result").has("resultType"))
                .as("a legacy result stays as 2025-11-25 has it")
                .isFalse();
        assertToolResultMatchesItsOutputSchema(request, message);
    }

    private static void assertToolResultMatchesItsOutputSchema(JsonNode request, JsonNode message) {
        if (!"tools/call".equals(request.get("method").asText())) {
            return;
        }
        ToolRegistry tools = McpTestTools.registry();
        tools.find(request.at("/params/name").asText()).ifPresent(spec -> {
            var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(ToolListing.advertisedOutputSchema(spec));
            assertThat(schema.validate(message.at("/result/structuredContent")))
                    .as("structuredContent of %s against the advertised output schema", message)
                    .isEmpty();
        });
    }

    private static Map<JsonNode, JsonNode> requestsById(byte[] clientInput) {
        Map<JsonNode, JsonNode> requests = new HashMap<>();
        for (String line : new String(clientInput, StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonNode node = Json.parse(line.replace("\uFEFF", "").strip());
                if (node.isObject() && node.has("id") && node.has("method")) {
                    requests.put(node.get("id"), node);
                }
            } catch (Exception e) {
                // not a request: the transcript's malformed lines
            }
        }
        return requests;
    }
}
