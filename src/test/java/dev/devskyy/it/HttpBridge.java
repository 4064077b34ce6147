package dev.devskyy.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test-only Streamable HTTP front for the stdio server, so that the official conformance suite
 * (which speaks HTTP only) can drive {@code bin/devskyy serve}. It is deliberately small and is not
 * devskyy's HTTP transport: POST /mcp takes one JSON-RPC message and answers with one JSON
 * response (never SSE, so the server's notifications are dropped), on 127.0.0.1 only.
 *
 * <p>Modern requests (their {@code _meta} names a protocol version) and legacy requests outside any
 * session share one process: modern ones carry all their state. A legacy {@code initialize} starts
 * a process of its own for that HTTP session ({@code Mcp-Session-Id}), because one stdio process
 * holds one legacy handshake.
 */
final class HttpBridge implements AutoCloseable {
    static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    private static final Set<Integer> BAD_REQUEST = Set.of(-32700, -32600, -32602, -32020, -32021, -32022);

    private final HttpServer http;
    private final Path home;
    private final String[] serveArgs;
    private final ServePeer shared;
    private final Map<String, ServePeer> legacySessions = new ConcurrentHashMap<>();

    HttpBridge(Path home, String... serveArgs) throws IOException {
        this.home = home;
        this.serveArgs = serveArgs;
        this.shared = new ServePeer(home, serveArgs);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "http-bridge");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/mcp", this::exchange);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!fromThisMachine(exchange)) {
                reply(exchange, 403, error(NullNode.instance, -32600, "Forbidden: Host or Origin is not local"));
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
            } else {
                post(exchange);
            }
        }
    }

    /** DNS rebinding protection: a page elsewhere must not reach a local server through the browser. */
    private boolean fromThisMachine(HttpExchange exchange) {
        int port = http.getAddress().getPort();
        List<String> local = List.of("127.0.0.1:" + port, "localhost:" + port);
        String host = exchange.getRequestHeaders().getFirst("Host");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        return local.contains(host)
                && (origin == null || local.stream().anyMatch(hostPort -> origin.equals("http://" + hostPort)));
    }

    private void post(HttpExchange exchange) throws IOException {
        JsonNode message;
        try {
            message = Json.parse(exchange.getRequestBody().readAllBytes());
        } catch (JsonProcessingException e) {
            reply(exchange, 400, error(NullNode.instance, -32700, "Parse error"));
            return;
        }
        if (!(message instanceof ObjectNode object) || !message.has("method")) {
            reply(exchange, 400, error(message.path("id"), -32600, "Invalid request: one JSON-RPC request object"));
            return;
        }
        JsonNode id = object.get("id");
        JsonNode claimed = object.path("params").path("_meta").get(PROTOCOL_VERSION_KEY);
        String header = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        boolean modernEra = claimed != null;
        if (modernEra && header != null && !header.equals(claimed.asText())) {
            reply(exchange, 400, error(id, -32020, "MCP-Protocol-Version header does not match _meta"));
            return;
        }
        if (!modernEra && header != null && namesModernEra(header)) {
            // The header claims the stateless era but _meta does not: a malformed modern request.
            reply(exchange, 400, error(id, -32602, "Invalid params: _meta lacks " + PROTOCOL_VERSION_KEY));
            return;
        }
        ServePeer peer = modernEra ? shared : legacyPeer(exchange, object);
        if (peer == null) {
            reply(exchange, 404, error(id, -32600, "Unknown Mcp-Session-Id"));
        } else if (id == null) {
            peer.notify(object);
            exchange.sendResponseHeaders(202, -1);
        } else {
            ObjectNode response = answer(peer, object);
            reply(exchange, status(response, modernEra), response);
        }
    }

    /** A legacy session's own process, a new one for {@code initialize}; null for an unknown session. */
    private ServePeer legacyPeer(HttpExchange exchange, ObjectNode message) throws IOException {
        if ("initialize".equals(message.path("method").asText())) {
            String session = UUID.randomUUID().toString();
            legacySessions.put(session, new ServePeer(home, serveArgs));
            exchange.getResponseHeaders().add("Mcp-Session-Id", session);
            return legacySessions.get(session);
        }
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        return session == null ? shared : legacySessions.get(session);
    }

    private static ObjectNode answer(ServePeer peer, ObjectNode request) throws IOException {
        try {
            return peer.request(request).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(request.get("id"), -32603, "Bridge interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return error(request.get("id"), -32603, "No answer from devskyy serve: " + e);
        }
    }

    /**
     * 2026-07-28 Streamable HTTP: malformed requests and the protocol errors are 400, an unknown
     * method 404. Legacy sessions keep the 2025 rule: every JSON-RPC response is 200.
     */
    private static int status(ObjectNode response, boolean modernEra) {
        int code = response.path("error").path("code").asInt(0);
        if (!modernEra || code == 0) {
            return 200;
        }
        return BAD_REQUEST.contains(code) ? 400 : code == -32601 ? 404 : 200;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = Json.object().put("jsonrpc", "2.0");
        response.set("id", id == null || id.isMissingNode() ? NullNode.instance : id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
        shared.close();
        for (ServePeer peer : legacySessions.values()) {
            peer.close();
        }
    }

    /** Dated versions compare as text; 2026-07-28 is the first of the stateless (modern) era. */
    private static boolean namesModernEra(String version) {
        return version.compareTo("2026-07-28") >= 0;
    }
}
