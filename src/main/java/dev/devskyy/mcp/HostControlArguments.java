package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolSpec;
import java.util.Map;

/**
 * Arguments a shipping host adds to every {@code tools/call} for its own scheduling, which the model
 * never meant for the tool. Every devskyy input schema refuses unknown keys, so without this one
 * host's every call fails with E4001. Only the keys listed here are removed, only with the type
 * the host sends, and only when the tool does not declare a property of that name itself; anything
 * else still reaches validation as sent.
 */
final class HostControlArguments {
    /**
     * {@code wait_for_previous}: Gemini CLI's parallel scheduler adds it to every tool's schema and
     * forwards it to MCP servers (gemini-cli PR #21933, bug #27403).
     */
    private static final Map<String, JsonNodeType> INJECTED = Map.of("wait_for_previous", JsonNodeType.BOOLEAN);

    private HostControlArguments() {}

    /**
     * @param tool the called tool, whose own properties are never removed
     * @return {@code arguments} without the host's control keys; the same node when it has none
     */
    static JsonNode strip(JsonNode arguments, ToolSpec tool) {
        if (!arguments.isObject()) {
            return arguments;
        }
        ObjectNode stripped = null;
        for (Map.Entry<String, JsonNodeType> key : INJECTED.entrySet()) {
            JsonNode value = arguments.get(key.getKey());
            if (value != null
                    && value.getNodeType() == key.getValue()
                    && !tool.inputSchema().path("properties").has(key.getKey())) {
                if (stripped == null) {
                    stripped = Json.object().setAll((ObjectNode) arguments);
                }
                stripped.remove(key.getKey());
            }
        }
        return stripped == null ? arguments : stripped;
    }
}
