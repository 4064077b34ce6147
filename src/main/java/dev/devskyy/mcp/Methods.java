package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON-RPC methods this server answers, by name, as in the MCP Java SDK: each request method
 * maps to a handler, and so does each notification. Requests are dispatched on the reading thread:
 * a handler answers cheap ones at once and hands real work to the pool ({@link Calls#submit}), so
 * {@code ping} is answered whatever else runs.
 */
final class Methods {
    /** Answers a request, at once or later from the pool. */
    @FunctionalInterface
    interface RequestHandler {
        void handle(Request request);
    }

    /** Acts on a notification; a notification is never answered. */
    @FunctionalInterface
    interface NotificationHandler {
        void handle(ObjectNode params);
    }

    /** When a request method is served. */
    enum Availability {
        ALWAYS,
        /** Answered {@code -32002} until {@code initialize} has been. */
        AFTER_INITIALIZE
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
            ClientLog clientLog,
            SessionTools tools,
            Calls calls) {
        this.handshake = handshake;
        this.tools = tools;
        this.calls = calls;
        request("ping", Availability.ALWAYS, request -> request.respond(Json.object()));
        request("initialize", Availability.ALWAYS, handshake::initialize);
        request("tools/list", Availability.AFTER_INITIALIZE, this::listTools);
        request("tools/call", Availability.AFTER_INITIALIZE, toolCalls::call);
        request("logging/setLevel", Availability.AFTER_INITIALIZE, clientLog::setLevel);
        request("tasks/get", Availability.AFTER_INITIALIZE, taskMethods::get);
        request("tasks/cancel", Availability.AFTER_INITIALIZE, taskMethods::cancel);
        request("tasks/update", Availability.AFTER_INITIALIZE, taskMethods::update);
        notification("notifications/initialized", params -> clientLog.clientInitialized());
        notification("notifications/cancelled", toolCalls::cancel);
    }

    private void request(String method, Availability availability, RequestHandler handler) {
        requests.put(method, new Route(availability, handler));
    }

    private void notification(String method, NotificationHandler handler) {
        notifications.put(method, handler);
    }

    /** Before {@code initialize}, a method we do not know is not initialized rather than not found. */
    void onRequest(Request request) {
        Route route = requests.get(request.method());
        if (!handshake.done() && (route == null || route.availability() == Availability.AFTER_INITIALIZE)) {
            request.fail(JsonRpc.NOT_INITIALIZED, "Server not initialized: send initialize first");
        } else if (route == null) {
            request.fail(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + request.method());
        } else {
            route.handler().handle(request);
        }
    }

    /** Other notifications need no action. */
    void onNotification(String method, ObjectNode params) {
        NotificationHandler handler = notifications.get(method);
        if (handler != null) {
            handler.handle(params);
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
                            request::respond,
                            () -> request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor"));
        });
    }
}
