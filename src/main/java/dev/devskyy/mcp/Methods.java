package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON-RPC methods this server answers, by name, as in the MCP Java SDK: each request method
 * maps to a handler, and so does each notification. Requests are dispatched on the reading thread:
 * a handler answers cheap ones at once and hands real work to the pool ({@link Calls#submit}), so
 * {@code ping} is answered whatever else runs.
 *
 * <p>Each request is served in its own era ({@link Request#modern}): a modern one after its
 * {@code _meta} checks out, a legacy one once {@code initialize} has been. Both eras share one
 * process, in any order.
 */
final class Methods {
    /** Answers a request, at once or later from the pool. */
    @FunctionalInterface
    interface RequestHandler {
        void handle(Request request);
    }

    /** Acts on a notification from {@code peer}; a notification is never answered. */
    @FunctionalInterface
    interface NotificationHandler {
        void handle(ObjectNode params, Peer peer);
    }

    /** Which requests may call a method: of which era, and whether a legacy one must have initialized. */
    enum Availability {
        /** Both eras, initialized or not ({@code server/discover}: a dual-era client's first probe). */
        ANYONE(true, true, false),
        /** Both eras; a legacy client once initialized. */
        BOTH_ERAS(true, true, true),
        /** 2026-07-28 clients only (an extension's methods); to a legacy client an unknown method. */
        MODERN(true, false, true),
        /** Legacy clients only, initialized or not: removed in 2026-07-28. */
        LEGACY(false, true, false),
        /** Legacy clients only, once initialized: removed in 2026-07-28. */
        LEGACY_INITIALIZED(false, true, true);

        private final boolean modern;
        private final boolean legacy;
        private final boolean legacyNeedsInitialize;

        Availability(boolean modern, boolean legacy, boolean legacyNeedsInitialize) {
            this.modern = modern;
            this.legacy = legacy;
            this.legacyNeedsInitialize = legacyNeedsInitialize;
        }
    }

    private record Route(Availability availability, RequestHandler handler) {}

    private final Map<String, Route> requests = new HashMap<>();
    private final Map<String, NotificationHandler> notifications = new HashMap<>();
    private final Handshake handshake;
    private final SessionTools tools;
    private final Calls calls;

    Methods(
            Handshake handshake,
            ToolCalls toolCalls,
            TaskMethods taskMethods,
            Prompts prompts,
            Resources resources,
            ClientLog clientLog,
            SessionTools tools,
            Calls calls) {
        this.handshake = handshake;
        this.tools = tools;
        this.calls = calls;
        request("server/discover", Availability.ANYONE, new Discovery(tools)::discover);
        request("initialize", Availability.LEGACY, handshake::initialize);
        request("ping", Availability.LEGACY, request -> request.respond(Json.object()));
        request("logging/setLevel", Availability.LEGACY_INITIALIZED, clientLog::setLevel);
        request("tools/list", Availability.BOTH_ERAS, this::listTools);
        request("tools/call", Availability.BOTH_ERAS, toolCalls::call);
        request("prompts/list", Availability.BOTH_ERAS, prompts::list);
        request("prompts/get", Availability.BOTH_ERAS, prompts::get);
        request("resources/list", Availability.BOTH_ERAS, resources::list);
        request("resources/templates/list", Availability.BOTH_ERAS, resources::templates);
        request("resources/read", Availability.BOTH_ERAS, resources::read);
        request("tasks/get", Availability.MODERN, taskMethods::get);
        request("tasks/cancel", Availability.MODERN, taskMethods::cancel);
        request("tasks/update", Availability.MODERN, taskMethods::update);
        notification("notifications/initialized", (params, peer) -> clientLog.clientInitialized());
        notification("notifications/cancelled", toolCalls::cancel);
    }

    private void request(String method, Availability availability, RequestHandler handler) {
        requests.put(method, new Route(availability, handler));
    }

    private void notification(String method, NotificationHandler handler) {
        notifications.put(method, handler);
    }

    void onRequest(Request request) {
        Route route = requests.get(request.method());
        if (request.modern()) {
            serveModern(request, route);
        } else {
            serveLegacy(request, route);
        }
    }

    /** Its {@code _meta} first: a version we do not speak is refused whatever the method. */
    private static void serveModern(Request request, Route route) {
        Optional<Envelope.Rejection> rejection = Envelope.check(request.meta());
        if (rejection.isPresent()) {
            Envelope.Rejection why = rejection.get();
            request.fail(why.code(), why.message(), why.data());
        } else if (route == null || !route.availability().modern) {
            request.fail(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + request.method());
        } else {
            route.handler().handle(request);
        }
    }

    /** Before {@code initialize}, a method we do not know is not initialized rather than not found. */
    private void serveLegacy(Request request, Route route) {
        if (!handshake.done() && (route == null || route.availability().legacyNeedsInitialize)) {
            request.fail(JsonRpc.NOT_INITIALIZED, "Server not initialized: send initialize first");
        } else if (route == null || !route.availability().legacy) {
            request.fail(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + request.method());
        } else if (request.params().has("_meta")
                && !request.params().get("_meta").isObject()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: _meta must be an object");
        } else {
            route.handler().handle(request);
        }
    }

    /** Other notifications need no action. */
    void onNotification(String method, ObjectNode params, Peer peer) {
        NotificationHandler handler = notifications.get(method);
        if (handler != null) {
            handler.handle(params, peer);
        }
    }

    /** {@code tools/list}, on the pool: the first call waits for the tools to load. */
    private void listTools(Request request) {
        calls.submit(request, call -> {
            JsonNode cursor = request.params().get("cursor");
            if (cursor != null && !cursor.isTextual()) {
                request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: cursor must be a string");
                return;
            }
            tools.pages()
                    .page(cursor == null ? null : cursor.asText())
                    .ifPresentOrElse(
                            page -> request.respondCacheable(page, CachePolicy.CONFIGURATION),
                            () -> request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor"));
        });
    }
}
