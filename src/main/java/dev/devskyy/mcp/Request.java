package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request from the client, and the one way to answer it. A handler answers on the reading
 * thread or later on the pool; either way the response is built here, so what every response must
 * carry is decided in one place.
 */
final class Request {
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

    /** Whether the request claims the 2026-07-28 era: served per request, no handshake needed. */
    boolean modern() {
        return params.path("_meta").has(ProtocolVersions.META_PROTOCOL_VERSION);
    }

    /**
     * A modern result carries {@code resultType} and the server's identity in {@code _meta}; a legacy
     * result is sent as it is.
     */
    void respond(JsonNode result) {
        if (modern() && result instanceof ObjectNode object) {
            if (!object.has("resultType")) {
                object.put("resultType", "complete");
            }
            object.withObject("/_meta").set(ProtocolVersions.META_SERVER_INFO, Handshake.serverInfo());
        }
        writer.send(JsonRpc.result(id, result));
    }

    /** As {@link #respond}, and a modern result says how long, and for whom, it may be cached. */
    void respondCacheable(ObjectNode result, long ttlMs, String cacheScope) {
        if (modern()) {
            result.put("ttlMs", ttlMs);
            result.put("cacheScope", cacheScope);
        }
        respond(result);
    }

    void fail(int code, String message) {
        writer.send(JsonRpc.error(id, code, message));
    }

    void fail(int code, String message, JsonNode data) {
        writer.send(JsonRpc.error(id, code, message, data));
    }
}
