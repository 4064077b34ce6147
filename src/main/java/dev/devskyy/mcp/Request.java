package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;

/**
 * A request from the client, and the one way to answer it. A handler answers on the reading
 * thread or later on the pool; either way the response is built here, so what every response must
 * carry is decided in one place.
 */
final class Request {
    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    private final JsonNode id;
    private final String method;
    private final ObjectNode params;
    private final long length;
    private final MessageWriter writer;

    /**
     * @param params the request's params, an empty object when it had none
     * @param length the request's line in bytes, for its weight against the in-flight budget
     */
    Request(JsonNode id, String method, ObjectNode params, long length, MessageWriter writer) {
        this.id = id;
        this.method = method;
        this.params = params;
        this.length = length;
        this.writer = writer;
    }

    JsonNode id() {
        return id;
    }

    String method() {
        return method;
    }

    ObjectNode params() {
        return params;
    }

    /** What accepting this request as a call holds of the in-flight budget ({@link RequestWeight}). */
    long weight() {
        return RequestWeight.of(length, params);
    }

    /** A 2026-07-28 request: it carries its protocol version in {@code _meta}, with no handshake. */
    boolean modern() {
        return params.path("_meta").has(META_PROTOCOL_VERSION);
    }

    /** What the client declared on this very request; {@code {}} when it declared nothing. */
    ObjectNode clientCapabilities() {
        JsonNode declared = params.path("_meta").path(META_CLIENT_CAPABILITIES);
        return declared.isObject() ? (ObjectNode) declared : Json.object();
    }

    /**
     * A modern request's result also says its kind ({@code resultType}, "complete" unless the
     * handler chose another) and which server answered; a legacy result is sent as it is.
     */
    void respond(JsonNode result) {
        if (modern() && result instanceof ObjectNode fields) {
            ObjectNode stamped = Json.object();
            stamped.put("resultType", "complete");
            stamped.setAll(fields); // a shallow copy: cached results (listing pages) stay as they are
            ObjectNode meta = Json.object();
            if (fields.get("_meta") instanceof ObjectNode own) {
                meta.setAll(own);
            }
            meta.set(META_SERVER_INFO, Handshake.serverInfo());
            stamped.set("_meta", meta);
            result = stamped;
        }
        writer.send(JsonRpc.result(id, result));
    }

    void fail(int code, String message) {
        writer.send(JsonRpc.error(id, code, message));
    }

    void fail(int code, String message, JsonNode data) {
        ObjectNode error = JsonRpc.error(id, code, message);
        ((ObjectNode) error.get("error")).set("data", data);
        writer.send(error);
    }
}
