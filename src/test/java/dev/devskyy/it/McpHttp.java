package dev.devskyy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A 2026-07-28 MCP client over Streamable HTTP, as plain as the tests need it: one POST per message. */
final class McpHttp {
    static final String MODERN = "2026-07-28";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String endpoint;

    McpHttp(String endpoint) {
        this.endpoint = endpoint;
    }

    /** A modern {@code tools/call} of {@code tool} with {@code arguments}; {@code key}: its idempotency key, or null. */
    static String toolsCall(String tool, JsonNode arguments, String key) {
        ObjectNode call = Json.object().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call");
        ObjectNode params = call.putObject("params").put("name", tool);
        params.set("arguments", arguments);
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", MODERN);
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        if (key != null) {
            meta.put("dev.devskyy/idempotency-key", key);
        }
        return Json.compact(call);
    }

    static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    /** A POST with the routing headers a 2026-07-28 client sends. */
    HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
        JsonNode message = Json.parse(body);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Mcp-Method", message.get("method").asText());
        if (message.path("params").has("name")) {
            all.put("Mcp-Name", message.get("params").get("name").asText());
        }
        return send(all, body);
    }

    /** A POST with exactly {@code headers} (and the content type). */
    HttpResponse<String> send(Map<String, String> headers, String body) throws Exception {
        return CLIENT.send(
                request(headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (!headers.containsKey("Accept")) {
            request.header("Accept", "application/json, text/event-stream");
        }
        headers.forEach(request::header);
        return request;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
