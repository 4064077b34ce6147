package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolListing;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.testing.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks what the server sent against the official MCP schema, message by message. */
final class McpMessages {
    private static final Map<String, String> RESULT_TYPES = Map.ofEntries(
            Map.entry("initialize", "InitializeResult"),
            Map.entry("tools/list", "ListToolsResult"),
            Map.entry("tools/call", "CallToolResult"),
            Map.entry("prompts/list", "ListPromptsResult"),
            Map.entry("prompts/get", "GetPromptResult"),
            Map.entry("resources/list", "ListResourcesResult"),
            Map.entry("resources/templates/list", "ListResourceTemplatesResult"),
            Map.entry("resources/read", "ReadResourceResult"),
            Map.entry("ping", "Result"),
            Map.entry("logging/setLevel", "Result"));
    private static final Map<String, String> NOTIFICATION_TYPES = Map.of(
            "notifications/progress", "ProgressNotification",
            "notifications/message", "LoggingMessageNotification");

    private McpMessages() {}

    /**
     * Every message is a JSON-RPC message of the schema; results and notifications are of the type
     * their method calls for; tool results match the tool's advertised output schema.
     */
    static void assertValid(byte[] clientInput, List<JsonNode> sent) {
        Map<JsonNode, JsonNode> requests = requestsById(clientInput);
        ToolRegistry tools = McpTestTools.registry();
        for (JsonNode message : sent) {
            McpSchema.assertValid("JSONRPCMessage", message);
            if (message.has("error")) {
                McpSchema.assertValid("JSONRPCErrorResponse", message);
                continue;
            }
            if (message.has("method")) {
                String type = NOTIFICATION_TYPES.get(message.get("method").asText());
                assertThat(type).as("notification kind of " + message).isNotNull();
                McpSchema.assertValid(type, message);
                continue;
            }
            JsonNode request = requests.get(message.get("id"));
            assertThat(request).as("a request for " + message).isNotNull();
            String method = request.get("method").asText();
            McpSchema.assertValid(RESULT_TYPES.get(method), message.get("result"));
            if ("tools/call".equals(method)) {
                tools.find(request.at("/params/name").asText()).ifPresent(spec -> {
                    var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(ToolListing.advertisedOutputSchema(spec));
                    assertThat(schema.validate(message.at("/result/structuredContent")))
                            .as("structuredContent of %s against the advertised output schema", message)
                            .isEmpty();
                });
            }
        }
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
