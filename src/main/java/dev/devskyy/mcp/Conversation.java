package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One client's conversation with the server, whatever carries it: checks that each message is
 * JSON-RPC 2.0 and hands it to its {@link Methods handler}. What a legacy client agreed in
 * {@code initialize} and the log level it set are its own; the calls in progress, the tools and
 * the tasks are the server's, shared by every conversation.
 */
final class Conversation {
    private final Handshake handshake;
    private final ClientLog clientLog;
    private final Methods methods;

    /** @param outbox where messages about no request go */
    Conversation(
            Calls calls,
            SessionTools tools,
            CompletableFuture<ToolServer.Options> options,
            TaskStore tasks,
            Outbox outbox) {
        this.clientLog = new ClientLog(outbox);
        this.handshake = new Handshake(tools);
        this.methods = new Methods(
                handshake,
                new ToolCalls(calls, tools, options, clientLog, tasks),
                new TaskMethods(tasks),
                new Prompts(calls, tools),
                new Resources(calls, tools, options),
                clientLog,
                tools,
                calls);
    }

    ClientLog clientLog() {
        return clientLog;
    }

    /** Whether {@code initialize} has been answered. */
    boolean initialized() {
        return handshake.done();
    }

    /** A message as received: answered at once when it is not JSON. */
    void receive(byte[] bytes, Peer peer) {
        JsonNode message;
        try {
            message = Json.parse(bytes);
        } catch (IOException e) {
            peer.outbox().send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: not a JSON value"));
            return;
        }
        receive(message, bytes.length, peer);
    }

    /** Answers a line that is neither a JSON-RPC 2.0 request nor a notification; hands on the rest. */
    /** @param length the message's size in bytes, for its weight against the in-flight budget */
    void receive(JsonNode message, long length, Peer peer) {
        Outbox writer = peer.outbox();
        if (message == null || !message.isObject()) {
            writer.send(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: expected a JSON object"));
            return;
        }
        JsonNode id = message.get("id");
        JsonNode validId = JsonRpc.isValidId(id) ? id : null;
        JsonNode method = message.get("method");
        if (method == null && validId != null && (message.has("result") || message.has("error"))) {
            return; // a response to a request we never send; nothing to answer
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null)) || method == null || !method.isTextual()) {
            writer.send(JsonRpc.error(validId, JsonRpc.INVALID_REQUEST, "Invalid request: not JSON-RPC 2.0"));
            return;
        }
        if (id != null && validId == null) {
            writer.send(
                    JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: id must be a string or integer"));
            return;
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject()) {
            if (validId != null) {
                writer.send(JsonRpc.error(validId, JsonRpc.INVALID_PARAMS, "Invalid params: expected an object"));
            }
            return;
        }
        ObjectNode paramsObject = params == null ? Json.object() : (ObjectNode) params;
        if (validId == null) {
            methods.onNotification(method.asText(), paramsObject, peer);
        } else {
            methods.onRequest(
                    new Request(validId, method.asText(), paramsObject, length, peer, handshake.clientCapabilities()));
        }
    }
}
