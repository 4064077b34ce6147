package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.Json;

/**
 * {@code initialize}: agrees on the protocol version, tells the client what this server is and
 * can do, and only then starts loading the tools, which the answer does not need.
 */
final class Handshake {
    private static final String INSTRUCTIONS =
            "devskyy tools are deny-by-default. A result with isError and code E4003 "
                    + "PERMISSION_DENIED names a permission, root or host the user must grant when starting the "
                    + "server (--allow, --root, --allow-host, --policy); do not retry it. On E4001 or E4002 fix the "
                    + "arguments and call again. Results carry text and structuredContent.";

    private final SessionTools tools;
    private volatile boolean done;

    Handshake(SessionTools tools) {
        this.tools = tools;
    }

    /** Whether {@code initialize} has been answered. */
    boolean done() {
        return done;
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
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo());
        result.put("instructions", INSTRUCTIONS);
        request.respond(result);
        done = true;
        tools.load();
    }

    private static ObjectNode capabilities() {
        ObjectNode capabilities = Json.object();
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        return capabilities;
    }

    /** What this server is, for {@code initialize} and every modern result's {@code _meta}. */
    static ObjectNode serverInfo() {
        ObjectNode info = Json.object();
        info.put("name", "devskyy");
        info.put("title", "devskyy security toolbox");
        info.put("version", BuildInfo.version());
        info.put("description", "Permissioned security tools: encryption, scanning, verification.");
        return info;
    }
}
