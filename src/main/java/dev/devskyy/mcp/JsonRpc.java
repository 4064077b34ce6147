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
    /** Legacy only: a 2026-07-28 request never gets it. */
    static final int NOT_INITIALIZED = -32002;

    /**
     * Busy or shutting down, in either era: 2026-07-28 says new implementations SHOULD NOT use
     * -32000 to -32019, and defines no code for this; a replacement waits for one.
     */
    static final int SERVER_BUSY = -32000;
    /** Codes the 2026-07-28 specification defines (it reserves -32020 to -32099). */
    static final int HEADER_MISMATCH = -32020;

    static final int MISSING_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private JsonRpc() {}

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = envelope();
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    /** An error response; {@code id} null leaves the member out, since clients reject {@code "id": null}. */
    static ObjectNode error(JsonNode id, int code, String text) {
        return error(id, code, text, null);
    }

    /** An error response whose {@code data} (left out when null) tells the client what to change. */
    static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
        ObjectNode message = envelope();
        if (id != null) {
            message.set("id", id);
        }
        ObjectNode error = message.putObject("error");
        error.put("code", code);
        error.put("message", text);
        if (data != null) {
            error.set("data", data);
        }
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
