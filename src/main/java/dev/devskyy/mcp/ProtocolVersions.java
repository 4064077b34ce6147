package dev.devskyy.mcp;

import java.util.List;

/**
 * The MCP protocol versions this server speaks, newest first: the modern one, served per request
 * without a handshake, and the legacy ones an {@code initialize} agrees on.
 */
final class ProtocolVersions {
    static final String MODERN = "2026-07-28";
    static final String LATEST_LEGACY = "2025-11-25";
    static final List<String> LEGACY = List.of(LATEST_LEGACY, "2025-06-18", "2025-03-26", "2024-11-05");
    /** What {@code server/discover} and an unsupported-version error name. */
    static final List<String> ALL = List.of(MODERN, LATEST_LEGACY, "2025-06-18", "2025-03-26", "2024-11-05");

    private ProtocolVersions() {}

    /** The client's legacy version when we speak it, otherwise our latest (the client then decides). */
    static String negotiate(String requested) {
        return LEGACY.contains(requested) ? requested : LATEST_LEGACY;
    }
}
