package dev.devskyy.mcp;

import java.util.List;

/** The MCP protocol versions this server speaks, newest first. */
final class ProtocolVersions {
    static final String LATEST = "2025-11-25";
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");

    private ProtocolVersions() {}

    /** The client's version when we speak it, otherwise our latest (the client then decides). */
    static String negotiate(String requested) {
        return SUPPORTED.contains(requested) ? requested : LATEST;
    }
}
