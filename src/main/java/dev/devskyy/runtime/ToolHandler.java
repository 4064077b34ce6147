package dev.devskyy.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a tool. It receives arguments already validated against the input schema, and must
 * reach files and hosts only through the context's checks. It should stop promptly when interrupted.
 */
@FunctionalInterface
public interface ToolHandler {
    ToolOutput run(JsonNode arguments, ToolCallContext context) throws Exception;
}
