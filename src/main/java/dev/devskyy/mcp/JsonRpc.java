package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;

/** Builders for JSON-RPC 2.0 messages and the error codes this server uses. */
final class JsonRpc {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined server errors (-32000 to -32099). */
    static final int NOT_INITIALIZED = -32002;

    static final int SERVER_BUSY = -32000;
    /** MCP 2026-07-28: the request needs a client capability it did not declare. */
    static final int MISSING_CLIENT_CAPABILITY = -32021;

    private JsonRpc() {}

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = envelope();
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    /** An error response; {@code id} null leaves the member out, since clients reject {@code "id": null}. */
    static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = envelope();
        if (id != null) {
            message.set("id", id);
        }
        ObjectNode error = message.putObject("error");
        error.put("code", code);
        error.put("message", text);
        return message;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = envelope();
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    /** MCP request ids are strings or integers. */
    static boolean isValidId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    private static ObjectNode envelope() {
        ObjectNode message = Json.object();
        message.put("jsonrpc", "2.0");
        return message;
    }
}
