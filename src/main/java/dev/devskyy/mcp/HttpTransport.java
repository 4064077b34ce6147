package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.devskyy.runtime.AccessTokens;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP Streamable HTTP on one endpoint, {@code /mcp}, for many clients at once. A 2026-07-28 request
 * stands alone (its {@code _meta} says all, its {@code Mcp-Method} and {@code Mcp-Name} headers
 * must agree with its body), so any instance behind a load balancer can serve it; a 2025-11-25
 * client gets a session from {@code initialize} ({@link LegacySessions}). Every request must carry a
 * bearer token that {@link dev.devskyy.runtime.AccessTokens} accepts, and name this server's host
 * (a DNS-rebinding page names its own); the protected resource metadata (RFC 9728) says where
 * tokens come from. On SIGTERM it stops accepting (503 with Retry-After) and answers what it
 * accepted.
 */
final class HttpTransport {
    static final String ENDPOINT = "/mcp";
    static final String METADATA = "/.well-known/oauth-protected-resource";
    /** Handler threads mostly wait for calls, which run on {@link Calls}' pool. */
    private static final int THREADS = 64;

    private static final int MAX_TOKEN_CHARS = 16 << 10;
    private static final String RETRY_AFTER_SECONDS = "5";
    /** How long the last answers may take to be written out once every call has answered. */
    private static final int WRITE_OUT_SECONDS = 10;

    private final ToolServer.HttpSettings settings;
    private final ToolServer.Options options;
    private final Calls calls;
    private final SessionTools tools;
    private final TaskStore tasks = new TaskStore(Clock.systemUTC(), Session.MAX_TASKS);
    /** Stateless requests share one conversation: nothing in it is theirs but their own ids. */
    private final Conversation stateless;

    private final LegacySessions sessions;
    private final HttpServer server;
    private final URI publicUrl;
    private final String scheme;
    private final HostCheck hosts;
    private final AccessTokens tokens;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Loads the runtime, then binds the address at once: the port is known, and taken, before
     * anything is served.
     */
    HttpTransport(ToolServer.HttpSettings settings) throws IOException {
        // TCP_NODELAY: JDK 17's server writes a response's head and body in two writes, and Nagle's
        // algorithm held the body until the client's delayed ACK, ~40 ms on every keep-alive answer
        // (bench/http-servers.sh: 342 requests/s without, ~12,900 with). Read once, when the JDK's
        // server classes load, which in devskyy is here. An operator's own -D setting stands.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.settings = settings;
        this.options = settings.options();
        this.calls = new Calls(options.maxInFlightBytes());
        CompletableFuture<ToolServer.Options> ready = CompletableFuture.completedFuture(options);
        this.tools = new SessionTools(ready);
        loadBeforeServing();
        this.stateless = new Conversation(calls, tools, ready, tasks, Outbox.NOWHERE);
        this.sessions = new LegacySessions(() -> new Conversation(calls, tools, ready, tasks, Outbox.NOWHERE));
        if (settings.tls() != null) {
            HttpsServer https = HttpsServer.create(settings.address(), 256);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
            this.server = https;
        } else {
            this.server = HttpServer.create(settings.address(), 256);
        }
        this.scheme = settings.tls() != null ? "https" : "http";
        String bound = HostCheck.literal(server.getAddress());
        this.publicUrl =
                settings.publicUrl() != null ? settings.publicUrl() : URI.create(scheme + "://" + bound + ENDPOINT);
        this.hosts = new HostCheck(publicUrl, server.getAddress());
        this.tokens = options.tools().get().accessTokens(settings.issuers(), publicUrl, fetchGrants());
    }

    private static Logger log() {
        return LoggerFactory.getLogger(HttpTransport.class);
    }

    int run() throws IOException {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), task -> {
                    Thread thread = new Thread(task, "devskyy-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        Runnable restoreTerm = Signals.handle("TERM", () -> drain(options.shutdownGrace()));
        Runnable restoreInt = Signals.handle("INT", () -> drain(Duration.ZERO));
        server.start();
        System.err.println("devskyy: serving MCP at " + scheme + "://" + HostCheck.literal(server.getAddress())
                + ENDPOINT + " (public URL " + publicUrl + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // every call has answered (drain): what remains is writing the answers out, which stop waits for
            server.stop(WRITE_OUT_SECONDS);
            executor.shutdownNow();
            restoreTerm.run();
            restoreInt.run();
        }
        return 0;
    }

    /**
     * Builds the runtime before the port is even bound: a state database out of reach or not
     * migrated stops the server, saying what to do (once the pool's connection timeout has passed,
     * for a database out of reach), rather than fail every call behind a balancer that sees a port
     * open.
     */
    private void loadBeforeServing() {
        try {
            tools.runtime();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** New requests get 503; those accepted get {@code grace} to finish, then are cancelled and answered. */
    private void drain(Duration grace) {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            calls.drain(grace);
            tools.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!hosts.allows(exchange.getRequestHeaders().getFirst("Host"))) {
                sendError(exchange, 421, "Misdirected request: the Host header does not name this server");
            } else if (!hosts.allowsOrigin(exchange.getRequestHeaders().getFirst("Origin"))) {
                sendError(exchange, 403, "Forbidden: requests from this origin are refused");
            } else if (path.equals(METADATA) || path.equals(METADATA + ENDPOINT)) {
                metadata(exchange);
            } else if (!path.equals(ENDPOINT)) {
                sendError(exchange, 404, "Not found: the MCP endpoint is " + ENDPOINT);
            } else if (draining.get()) {
                exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
                sendError(exchange, 503, "Service unavailable: the server is shutting down");
            } else {
                endpoint(exchange);
            }
        } catch (RuntimeException e) {
            log().error("HTTP request failed: {}", e.getClass().getName());
        }
    }

    /** RFC 9728 §3: what this resource is, and which authorization servers issue its tokens. */
    private void metadata(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            sendError(exchange, 405, "Method not allowed");
            return;
        }
        ObjectNode document = Json.object();
        document.put("resource", publicUrl.toString());
        tokens.issuers().forEach(document.putArray("authorization_servers")::add);
        document.putArray("bearer_methods_supported").add("header");
        Arrays.stream(ToolPermission.values())
                .map(ToolPermission::wireName)
                .forEach(document.putArray("scopes_supported")::add);
        document.put("resource_name", "devskyy");
        sendJson(exchange, 200, document);
    }

    private void endpoint(HttpExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "POST" -> post(exchange, caller.get());
            case "DELETE" -> {
                String id = exchange.getRequestHeaders().getFirst(LegacySessions.HEADER);
                boolean ended = id != null && sessions.end(id, caller.get().actor());
                exchange.sendResponseHeaders(ended ? 204 : 404, -1);
            }
            default -> {
                // no stream outside requests: the server never speaks first
                exchange.getResponseHeaders().set("Allow", "POST, DELETE");
                sendError(exchange, 405, "Method not allowed: POST a JSON-RPC message");
            }
        }
    }

    /**
     * The caller the request's bearer token stands for; without one, 401 pointing at the
     * metadata (RFC 9728 §5.1, RFC 6750 §3), and an {@code invalid_token} error when a token was sent.
     */
    private Optional<Caller> authenticate(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Caller> caller = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() <= MAX_TOKEN_CHARS) {
            caller = tokens.bearer(header.substring(7).strip()).map(options.caller()::bearing);
        }
        if (caller.isEmpty()) {
            String challenge = "Bearer resource_metadata=\"" + metadataUrl() + "\"";
            if (header != null) {
                challenge += ", error=\"invalid_token\"";
            }
            exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
            sendError(exchange, 401, "Unauthorized: a bearer token from a trusted authorization server is required");
        }
        return caller;
    }

    /**
     * The issuers' metadata and keys are fetched from the issuers' own hosts, and nowhere else: the
     * hosts serve grants its tools are no business of a discovery document's.
     */
    private Grants fetchGrants() {
        List<String> issuerHosts =
                settings.issuers().stream().map(i -> URI.create(i).getHost()).toList();
        return Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), issuerHosts);
    }

    private String metadataUrl() {
        return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority() + METADATA + publicUrl.getRawPath();
    }

    private void post(HttpExchange exchange, Caller caller) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            sendError(exchange, 415, "Unsupported media type: send application/json");
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            sendJson(
                    exchange,
                    413,
                    JsonRpc.error(
                            null,
                            JsonRpc.INVALID_REQUEST,
                            "Request too large: the message exceeds the limit of " + options.maxMessageBytes()
                                    + " bytes (--max-message-bytes)"));
            return;
        }
        JsonNode message;
        try {
            message = Json.parse(body);
        } catch (IOException e) {
            sendJson(exchange, 400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: not a JSON value"));
            return;
        }
        if (message == null || !message.isObject() || !message.path("method").isTextual()) {
            if (message != null && (message.has("result") || message.has("error"))) {
                exchange.sendResponseHeaders(202, -1); // a response to a request this server never sends
                return;
            }
            sendJson(exchange, 400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: not JSON-RPC 2.0"));
            return;
        }
        ObjectNode params = message.get("params") instanceof ObjectNode p ? p : Json.object();
        boolean modern = Envelope.claimed(params);
        if (!modern
                && ProtocolVersions.MODERN.equals(exchange.getRequestHeaders().getFirst("MCP-Protocol-Version"))) {
            // the header claims the stateless era, the body does not: a malformed modern request
            sendJson(
                    exchange,
                    400,
                    JsonRpc.error(
                            message.get("id"),
                            JsonRpc.INVALID_PARAMS,
                            "Invalid params: _meta lacks " + Envelope.PROTOCOL_VERSION));
            return;
        }
        Optional<String> mismatch = HeaderCheck.mismatch(exchange.getRequestHeaders(), message, modern);
        if (mismatch.isPresent()) {
            sendJson(exchange, 400, JsonRpc.error(message.get("id"), JsonRpc.HEADER_MISMATCH, mismatch.get()));
            return;
        }
        Conversation conversation = stateless;
        Object scope = new Object(); // a stateless request's ids are unique within it alone
        if (!modern) {
            LegacySessions.Found found = sessions.find(exchange, message, caller.actor());
            if (found.status() != 200) {
                sendJson(
                        exchange,
                        found.status(),
                        JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST, found.why()));
                return;
            }
            if (found.conversation() != null) {
                conversation = found.conversation();
                scope = conversation;
            }
            if (found.created() != null) {
                exchange.getResponseHeaders().set(LegacySessions.HEADER, found.created());
            }
        }
        if (!message.has("id")) {
            conversation.receive(message, body.length, new Peer(Outbox.NOWHERE, scope, caller));
            exchange.sendResponseHeaders(202, -1);
            return;
        }
        ResponseOutbox outbox = new ResponseOutbox(exchange, wantsStream(exchange, params), modern);
        conversation.receive(message, body.length, new Peer(outbox, scope, caller));
        outbox.finish();
    }

    /** A stream only where something may come before the answer: progress, or log records asked for. */
    private static boolean wantsStream(HttpExchange exchange, ObjectNode params) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        JsonNode meta = params.path("_meta");
        return accept != null
                && accept.toLowerCase(Locale.ROOT).contains("text/event-stream")
                && (meta.has("progressToken") || meta.has(Envelope.LOG_LEVEL));
    }

    /** The body, or null when it is longer than a message may be (checked before it is read whole). */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        long limit = options.maxMessageBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            return body.length > limit ? null : body;
        }
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** An HTTP-level refusal, as a JSON-RPC error without an id (the request was not read as one). */
    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, message));
    }
}
