package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.Optional;

/**
 * A request from the client, and the one way to answer it. A handler answers on the reading
 * thread or later on the pool; either way the response is built here, so what every response must
 * carry is decided in one place: a modern (2026-07-28) result gets its {@code resultType} and the
 * server's identity, a legacy one goes out as the handler made it.
 */
final class Request {
    private static final String COMPLETE = "complete";

    private final JsonNode id;
    private final String method;
    private final ObjectNode params;
    private final long length;
    private final Peer peer;
    private final boolean modern;
    private final ObjectNode legacyCapabilities;

    /**
     * @param params the request's params, an empty object when it had none
     * @param length the request's line in bytes, for its weight against the in-flight budget
     * @param legacyCapabilities what {@code initialize} declared so far, {@code {}} before it; used
     *     only when the request is legacy
     */
    Request(JsonNode id, String method, ObjectNode params, long length, Peer peer, ObjectNode legacyCapabilities) {
        this.id = id;
        this.method = method;
        this.params = params;
        this.length = length;
        this.peer = peer;
        this.modern = Envelope.claimed(params);
        this.legacyCapabilities = legacyCapabilities;
    }

    JsonNode id() {
        return id;
    }

    Peer peer() {
        return peer;
    }

    String method() {
        return method;
    }

    ObjectNode params() {
        return params;
    }

    /** Whether the request names its protocol version in {@code _meta} (2026-07-28) rather than relying on {@code initialize}. */
    boolean modern() {
        return modern;
    }

    /** The request's {@code _meta}; an empty object when it has none. */
    ObjectNode meta() {
        JsonNode meta = params.get("_meta");
        return meta != null && meta.isObject() ? (ObjectNode) meta : Json.object();
    }

    /**
     * What the client can do: for a modern request what it declares itself (never what earlier
     * requests did), for a legacy one what {@code initialize} declared.
     */
    ObjectNode clientCapabilities() {
        if (!modern) {
            return legacyCapabilities;
        }
        JsonNode declared = meta().get(Envelope.CLIENT_CAPABILITIES);
        return declared != null && declared.isObject() ? (ObjectNode) declared : Json.object();
    }

    /** The least severe level a modern request asked to hear of; empty: it wants no log messages. */
    Optional<LogLevel> logLevel() {
        JsonNode level = meta().get(Envelope.LOG_LEVEL);
        return modern && level != null ? LogLevel.parse(level.asText()) : Optional.empty();
    }

    /** What accepting this request as a call holds of the in-flight budget ({@link RequestWeight}). */
    long weight() {
        return RequestWeight.of(length, params);
    }

    void respond(JsonNode result) {
        peer.outbox().send(JsonRpc.result(id, modern && result.isObject() ? complete((ObjectNode) result) : result));
    }

    /** A result modern clients may reuse as {@code policy} says. */
    void respondCacheable(ObjectNode result, CachePolicy policy) {
        if (!modern) {
            respond(result);
            return;
        }
        ObjectNode cacheable = Json.object();
        cacheable.setAll(result);
        cacheable.put("ttlMs", policy.ttlMs());
        cacheable.put("cacheScope", policy.scope());
        respond(cacheable);
    }

    /** A notification about this request (progress, a log record), to whoever awaits its answer. */
    void notify(String method, ObjectNode params) {
        peer.outbox().send(JsonRpc.notification(method, params));
    }

    void fail(int code, String message) {
        peer.outbox().send(JsonRpc.error(id, code, message));
    }

    void fail(int code, String message, JsonNode data) {
        peer.outbox().send(JsonRpc.error(id, code, message, data));
    }

    /**
     * The modern form of {@code result}: its own {@code resultType} if it has one (a handler may
     * answer otherwise than complete), and the server's identity in {@code _meta}. A shallow copy:
     * handlers may hand in parts they keep.
     */
    private static ObjectNode complete(ObjectNode result) {
        ObjectNode modern = Json.object();
        modern.setAll(result);
        if (!modern.has("resultType")) {
            modern.put("resultType", COMPLETE);
        }
        ObjectNode meta = Json.object();
        if (result.get("_meta") instanceof ObjectNode own) {
            meta.setAll(own);
        }
        if (!meta.has(Envelope.SERVER_INFO)) {
            meta.set(Envelope.SERVER_INFO, ServerDescription.serverInfo());
        }
        modern.set("_meta", meta);
        return modern;
    }
}
