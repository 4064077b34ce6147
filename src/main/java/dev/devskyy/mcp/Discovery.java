package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;

/**
 * {@code server/discover}: which versions this server speaks and what it can do, answered to any
 * client at any time (before, after or without {@code initialize}) and the same to both eras, since
 * a dual-era client probes with it before it knows which era it is in.
 */
final class Discovery {
    private final SessionTools tools;

    Discovery(SessionTools tools) {
        this.tools = tools;
    }

    void discover(Request request) {
        ObjectNode result = Json.object();
        ProtocolVersions.ALL.forEach(result.putArray("supportedVersions")::add);
        ObjectNode capabilities = ServerDescription.capabilities();
        // Extensions (2026-07-28 only) go under capabilities.extensions, one line each.
        TaskMethods.advertise(capabilities);
        result.set("capabilities", capabilities);
        result.put("instructions", ServerDescription.INSTRUCTIONS);
        // Whole in either era: a legacy client's probe gets a valid DiscoverResult too.
        result.put("resultType", "complete");
        result.put("ttlMs", CachePolicy.CONFIGURATION.ttlMs());
        result.put("cacheScope", CachePolicy.CONFIGURATION.scope());
        result.putObject("_meta").set(Envelope.SERVER_INFO, ServerDescription.serverInfo());
        request.respond(result);
        tools.load(); // a client that discovers lists the tools next
    }
}
