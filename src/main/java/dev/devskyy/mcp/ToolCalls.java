package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import dev.devskyy.runtime.ToolSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code tools/call} and {@code notifications/cancelled}: a call runs on the pool as the actor its
 * {@code _meta} names (never with more than the server's grants), its progress and log messages
 * go to the client while it runs, and a call the client cancelled is not answered.
 */
final class ToolCalls {
    private static final String META_IDEMPOTENCY_KEY = "dev.devskyy/idempotency-key";
    private static final String META_ACTOR = "dev.devskyy/actor";

    private final Calls calls;
    private final SessionTools tools;
    private final CompletableFuture<ToolServer.Options> options;
    private final ClientLog clientLog;
    private final MessageWriter writer;

    ToolCalls(
            Calls calls,
            SessionTools tools,
            CompletableFuture<ToolServer.Options> options,
            ClientLog clientLog,
            MessageWriter writer) {
        this.calls = calls;
        this.tools = tools;
        this.options = options;
        this.clientLog = clientLog;
        this.writer = writer;
    }

    /** {@code tools/call}: malformed params are answered at once, before the call takes any budget. */
    void call(Request request) {
        ObjectNode params = request.params();
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: name is required");
            return;
        }
        JsonNode meta = params.path("_meta");
        JsonNode token = meta.get("progressToken");
        JsonNode key = meta.get(META_IDEMPOTENCY_KEY);
        JsonNode actor = meta.get(META_ACTOR);
        if ((token != null && !JsonRpc.isValidId(token))
                || (key != null && !key.isTextual())
                || (actor != null && !actor.isTextual())) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: malformed _meta");
            return;
        }
        calls.submit(request, call -> {
            ToolRuntime runtime = tools.runtime();
            ToolSpec spec = runtime.registry().find(name.asText()).orElse(null);
            if (spec == null) {
                request.fail(JsonRpc.INVALID_PARAMS, "Unknown tool: " + name.asText());
                return;
            }
            Caller server = options.join().caller();
            Caller caller = actor == null ? server : server.narrowedTo(actor.asText());
            JsonNode arguments =
                    params.has("arguments") ? HostControlArguments.strip(params.get("arguments"), spec) : Json.object();
            AtomicBoolean done = new AtomicBoolean();
            ToolCallRequest toolCall = ToolCallRequest.builder(
                            name.asText(), arguments, caller.actor(), caller.grants())
                    .idempotencyKey(key == null ? null : key.asText())
                    .cancellation(call.cancellation())
                    .observer(observer(name.asText(), token, done))
                    .build();
            ToolCallResult result = runtime.call(toolCall);
            done.set(true);
            if (!call.byClient().get()) {
                request.respond(result.toJson());
            }
        });
    }

    /** {@code notifications/cancelled}: the call stops, is audited, and gets no answer. */
    void cancel(ObjectNode params) {
        calls.cancelByClient(params.path("requestId"));
    }

    /** @param done set once the result is known: no progress may follow it */
    private CallObserver observer(String tool, JsonNode progressToken, AtomicBoolean done) {
        return new CallObserver() {
            @Override
            public void progress(double progress, Double total, String message) {
                if (progressToken == null || done.get()) {
                    return;
                }
                ObjectNode params = Json.object();
                params.set("progressToken", progressToken);
                params.put("progress", progress);
                if (total != null) {
                    params.put("total", total);
                }
                if (message != null) {
                    params.put("message", message);
                }
                writer.send(JsonRpc.notification("notifications/progress", params));
            }

            @Override
            public void log(String level, String message) {
                clientLog.send(LogLevel.parse(level).orElse(LogLevel.INFO), "devskyy/" + tool, message);
            }
        };
    }
}
