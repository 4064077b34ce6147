package dev.devskyy.mcp;

import java.util.List;

/** The MCP protocol versions this server speaks, newest first. */
final class ProtocolVersions {
    static final String LATEST = "2025-11-25";
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");

    /** The {@code _meta} key by which a request claims the 2026-07-28 era. */
    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    /** The {@code _meta} key of a modern result that names the server. */
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    private ProtocolVersions() {}

    /** The client's version when we speak it, otherwise our latest (the client then decides). */
    static String negotiate(String requested) {
        return SUPPORTED.contains(requested) ? requested : LATEST;
    }
}
