package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.ErrorCode;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolError;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import dev.devskyy.runtime.ToolSpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * {@code tools/call} and {@code notifications/cancelled}: a call runs on the pool as the actor its
 * {@code _meta} names (never with more than the server's grants) and by the trace it names there
 * ({@link TraceContext}), its progress and log messages go to the client while it runs, and a call
 * the client cancelled is not answered. A long tool called by a client that declared the tasks
 * extension is answered at once with a task instead, and its result is kept for {@code tasks/get}
 * ({@link TaskStore}).
 */
final class ToolCalls {
    private static final String META_IDEMPOTENCY_KEY = "dev.devskyy/idempotency-key";
    static final String META_ACTOR = "dev.devskyy/actor";
    static final String NOT_THE_TOKENS_ACTOR = "Invalid params: " + META_ACTOR + " must be the token's own actor";

    private final Calls calls;
    private final SessionTools tools;
    private final CompletableFuture<ToolServer.Options> options;
    private final ClientLog clientLog;
    private final TaskStore tasks;

    ToolCalls(
            Calls calls,
            SessionTools tools,
            CompletableFuture<ToolServer.Options> options,
            ClientLog clientLog,
            TaskStore tasks) {
        this.tasks = tasks;
        this.calls = calls;
        this.tools = tools;
        this.options = options;
        this.clientLog = clientLog;
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
        String actorName = actor == null ? null : actor.asText();
        if (!request.peer().mayActAs(actorName)) {
            request.fail(JsonRpc.INVALID_PARAMS, NOT_THE_TOKENS_ACTOR);
            return;
        }
        calls.submit(request, call -> {
            ToolRuntime runtime = tools.runtime();
            Optional<ToolSpec> spec = runtime.registry().find(name.asText());
            if (spec.isEmpty()) {
                request.fail(JsonRpc.INVALID_PARAMS, "Unknown tool: " + name.asText());
                return;
            }
            Caller caller =
                    request.peer().callerFor(actorName, () -> options.join().caller());
            JsonNode arguments = params.has("arguments")
                    ? HostControlArguments.strip(params.get("arguments"), spec.get())
                    : Json.object();
            ToolCallRequest.Builder toolCall = ToolCallRequest.builder(name.asText(), arguments, caller)
                    .idempotencyKey(key == null ? null : key.asText())
                    .cancellation(call.cancellation())
                    .correlationId(TraceContext.correlationId(meta).orElse(null));
            Optional<TaskStore.Task> task = asTask(request, spec.get(), call);
            if (task.isPresent()) {
                runAsTask(request, runtime, toolCall, name.asText(), task.get());
                return;
            }
            AtomicBoolean done = new AtomicBoolean();
            ToolCallResult result = runtime.call(toolCall.observer(observer(request, name.asText(), token, done))
                    .build());
            done.set(true);
            if (!call.byClient().get()) {
                request.respond(result.toJson());
            }
        });
    }

    /**
     * A task for this call when the client declared the extension on this request and the tool is a
     * long one; empty (the call is answered as without the extension) otherwise, or when the store
     * is full.
     */
    private Optional<TaskStore.Task> asTask(Request request, ToolSpec spec, Calls.Call call) {
        if (!spec.longRunning() || !TaskMethods.declared(request)) {
            return Optional.empty();
        }
        return tasks.create(
                spec.timeout().plus(TaskStore.RETENTION),
                call.cancellation(),
                request.peer().actor());
    }

    /**
     * Answers with the task (registered already, so {@code tasks/get} finds it), then runs the call
     * on this pool thread and keeps its outcome in the task. A task gets no notifications: progress
     * becomes its status message, log lines go to stderr.
     */
    private void runAsTask(
            Request request, ToolRuntime runtime, ToolCallRequest.Builder toolCall, String tool, TaskStore.Task task) {
        ObjectNode created = tasks.describe(task);
        created.put("resultType", "task");
        request.respond(created);
        ToolCallResult result;
        try {
            result = runtime.call(toolCall.observer(taskObserver(tool, task)).build());
        } catch (RuntimeException e) {
            // what a blocking call would have answered as a JSON-RPC error (Calls#submit)
            // not the task's id: whoever holds it may read or cancel the task
            LoggerFactory.getLogger(ToolCalls.class).error("a task of {} failed", tool, e);
            tasks.failed(task, JsonRpc.INTERNAL_ERROR, "Internal error");
            return;
        }
        if (result.failure().map(ToolError::code).orElse(null) == ErrorCode.E4006) {
            tasks.cancelled(task, result.text());
        } else {
            ObjectNode answer = Json.object();
            answer.put("resultType", "complete"); // the task holds the tools/call result of 2026-07-28
            answer.setAll(result.toJson());
            tasks.complete(task, answer);
        }
    }

    private CallObserver taskObserver(String tool, TaskStore.Task task) {
        return new CallObserver() {
            @Override
            public void progress(double progress, Double total, String message) {
                if (message != null) {
                    tasks.progress(task, message);
                }
            }

            @Override
            public void log(String level, String message) {
                clientLog.local(LogLevel.parse(level).orElse(LogLevel.INFO), "devskyy/" + tool, message);
            }
        };
    }

    /** {@code notifications/cancelled}: the call stops, is audited, and gets no answer. */
    void cancel(ObjectNode params, Peer peer) {
        calls.cancelByClient(peer.conversation(), params.path("requestId"));
    }

    /** @param done set once the result is known: no progress may follow it */
    private CallObserver observer(Request request, String tool, JsonNode progressToken, AtomicBoolean done) {
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
                request.notify("notifications/progress", params);
            }

            @Override
            public void log(String level, String message) {
                clientLog.send(request, LogLevel.parse(level).orElse(LogLevel.INFO), "devskyy/" + tool, message);
            }
        };
    }
}
