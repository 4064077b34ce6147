package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;

/**
 * {@code initialize}, for legacy clients (2025-11-25 and older): agrees on the protocol version,
 * tells the client what this server is and can do, and only then starts loading the tools, which
 * the answer does not need. Modern requests never need it, and do not change what it agreed.
 */
final class Handshake {
    private final SessionTools tools;
    private volatile boolean done;
    private volatile ObjectNode clientCapabilities = Json.object();

    Handshake(SessionTools tools) {
        this.tools = tools;
    }

    /** Whether {@code initialize} has been answered. */
    boolean done() {
        return done;
    }

    /** What the legacy client declared in {@code initialize}; {@code {}} before it. */
    ObjectNode clientCapabilities() {
        return clientCapabilities;
    }

    void initialize(Request request) {
        JsonNode requested = request.params().get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: protocolVersion is required");
            return;
        }
        if (done) {
            request.fail(JsonRpc.INVALID_REQUEST, "Invalid request: already initialized");
            return;
        }
        ObjectNode result = Json.object();
        result.put("protocolVersion", ProtocolVersions.negotiate(requested.asText()));
        result.set("capabilities", ServerDescription.capabilities());
        result.set("serverInfo", ServerDescription.serverInfo());
        result.put("instructions", ServerDescription.INSTRUCTIONS);
        if (request.params().get("capabilities") instanceof ObjectNode declared) {
            clientCapabilities = declared;
        }
        request.respond(result);
        done = true;
        tools.load();
    }
}
