package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.Optional;

/**
 * What a 2026-07-28 request carries in {@code params._meta} instead of a handshake: its protocol
 * version, the client's capabilities for this request alone, and optionally the least severe log
 * level it wants to hear of. A request is modern exactly when its {@code _meta} names a protocol
 * version; such a request is checked whole before any method sees it.
 */
final class Envelope {
    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    /** Longer than any version string; a longer claim is malformed rather than echoed back. */
    private static final int MAX_VERSION_LENGTH = 64;

    /** Why a modern request is refused before its method runs. */
    record Rejection(int code, String message, JsonNode data) {}

    private Envelope() {}

    /**
     * Whether {@code params} claims the modern era: its {@code _meta} names a protocol version or
     * the client's capabilities. A claim missing either is a malformed modern request (-32602), not
     * a legacy one.
     */
    static boolean claimed(ObjectNode params) {
        JsonNode meta = params.get("_meta");
        return meta != null && meta.isObject() && (meta.has(PROTOCOL_VERSION) || meta.has(CLIENT_CAPABILITIES));
    }

    /** The refusal of a modern request's {@code _meta}, or empty when it can be served. */
    static Optional<Rejection> check(ObjectNode meta) {
        JsonNode version = meta.get(PROTOCOL_VERSION);
        if (version == null || !version.isTextual() || version.asText().length() > MAX_VERSION_LENGTH) {
            return invalid(PROTOCOL_VERSION + " must be a protocol version string");
        }
        if (!ProtocolVersions.MODERN.equals(version.asText())) {
            ObjectNode data = Json.object();
            ProtocolVersions.ALL.forEach(data.putArray("supported")::add);
            data.put("requested", version.asText());
            return Optional.of(new Rejection(
                    JsonRpc.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version: per-request _meta supports " + ProtocolVersions.MODERN
                            + "; older versions need initialize",
                    data));
        }
        JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            return invalid(CLIENT_CAPABILITIES + " must be an object ({} when the client has none)");
        }
        JsonNode level = meta.get(LOG_LEVEL);
        if (level != null
                && (!level.isTextual() || LogLevel.parse(level.asText()).isEmpty())) {
            return invalid(LOG_LEVEL + " must be one of " + LogLevel.wireNames());
        }
        return Optional.empty();
    }

    private static Optional<Rejection> invalid(String why) {
        return Optional.of(new Rejection(JsonRpc.INVALID_PARAMS, "Invalid params: " + why, null));
    }
}
