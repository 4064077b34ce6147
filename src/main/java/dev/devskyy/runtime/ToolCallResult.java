package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The outcome of a call, success or failure. A failure carries its {@link ToolError} and the
 * error object as structured content, so every face can show it without special cases.
 *
 * @param text the text block every reader can see
 * @param attempts how many times the tool ran (0 when it never started)
 * @param replayed true when the result came from the idempotency store instead of a run
 */
public record ToolCallResult(
        String text,
        JsonNode structuredContent,
        boolean isError,
        long executionMillis,
        int attempts,
        boolean replayed,
        String correlationId,
        ToolError error) {

    public Optional<ToolError> failure() {
        return Optional.ofNullable(error);
    }

    /** The result in the MCP {@code CallToolResult} shape: content, structuredContent, isError. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.putArray("content").addObject().put("type", "text").put("text", text);
        node.set("structuredContent", structuredContent.deepCopy());
        node.put("isError", isError);
        return node;
    }
}
