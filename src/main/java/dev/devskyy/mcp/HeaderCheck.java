package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * The 2026-07-28 routing headers: {@code Mcp-Method} on every request and {@code Mcp-Name} where the
 * body names a tool, prompt or resource, so that a load balancer or gateway can route and authorize
 * without reading the body. The server executes the body, so a header that is missing or says
 * otherwise is refused: an edge that allowed one tool must not let another run.
 */
final class HeaderCheck {
    /** Which params field {@code Mcp-Name} mirrors, by method. */
    private static final Map<String, String> NAMED = Map.of(
            "tools/call", "name",
            "prompts/get", "name",
            "resources/read", "uri");

    private HeaderCheck() {}

    /**
     * Why the headers disagree with {@code message}, or empty when they agree.
     *
     * @param required whether they must be there (2026-07-28); a legacy request's are checked when
     *     sent, since a gateway may route or authorize on them all the same
     */
    static Optional<String> mismatch(Headers headers, JsonNode message, boolean required) {
        String method = message.path("method").asText();
        String methodHeader = headers.getFirst("Mcp-Method");
        if (methodHeader == null && required) {
            return Optional.of("Header mismatch: the Mcp-Method header is required");
        }
        if (methodHeader != null && !methodHeader.equals(method)) {
            return Optional.of("Header mismatch: Mcp-Method does not match the body's method");
        }
        String field = NAMED.get(method);
        JsonNode named = field == null ? null : message.path("params").get(field);
        if (named != null && named.isTextual()) {
            String nameHeader = headers.getFirst("Mcp-Name");
            if (nameHeader == null && required) {
                return Optional.of("Header mismatch: the Mcp-Name header is required for " + method);
            }
            if (nameHeader != null && !nameHeader.equals(named.asText())) {
                return Optional.of("Header mismatch: Mcp-Name does not match the body's params." + field);
            }
        }
        String version = headers.getFirst("MCP-Protocol-Version");
        JsonNode claimed = message.path("params").path("_meta").get(Envelope.PROTOCOL_VERSION);
        if (version != null && claimed != null && !version.equals(claimed.asText())) {
            return Optional.of("Header mismatch: MCP-Protocol-Version does not match the body's _meta");
        }
        return Optional.empty();
    }
}
