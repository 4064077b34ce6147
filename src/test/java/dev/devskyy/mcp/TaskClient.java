package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.testing.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the tasks extension over a {@link LiveSession}: builds 2026-07-28 requests (with or
 * without the extension declared) and checks every answer against the official schemas, the core
 * one and the extension's.
 */
final class TaskClient implements AutoCloseable {
    static final String EXTENSION = "io.modelcontextprotocol/tasks";
    private static final long POLL_LIMIT_MILLIS = 20_000;

    final LiveSession session;
    private final AtomicInteger ids = new AtomicInteger(100);

    TaskClient(ToolRegistry tools, Path state, AuditLog audit) throws IOException {
        this(tools, state, audit, new Caller("host", Grants.NONE, null));
    }

    TaskClient(ToolRegistry tools, Path state, AuditLog audit, Caller caller) throws IOException {
        // no handshake: a 2026-07-28 client sends its version and capabilities with every request
        session = new LiveSession(() -> new ToolRuntime(tools, IdempotencyStore.in(state), audit), caller);
    }

    /** A 2026-07-28 request; {@code tasks} says whether it declares the extension. */
    static ObjectNode modern(int id, String method, ObjectNode params, boolean tasks) {
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        ObjectNode capabilities = meta.putObject("io.modelcontextprotocol/clientCapabilities");
        if (tasks) {
            capabilities.putObject("extensions").putObject(EXTENSION);
        }
        ObjectNode request = Json.object();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        return request;
    }

    static ObjectNode call(String tool, String message) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.putObject("arguments").put("message", message);
        return params;
    }

    static ObjectNode taskId(JsonNode id) {
        ObjectNode params = Json.object();
        params.set("taskId", id);
        return params;
    }

    int nextId() {
        return ids.incrementAndGet();
    }

    void send(JsonNode message) throws IOException {
        session.send(Json.compact(message));
    }

    /** The next message, an answer to {@code id}. */
    JsonNode answer(int id) throws IOException {
        JsonNode message = session.receive();
        assertThat(message.path("id").asInt())
                .as("answer to %s: %s", id, message)
                .isEqualTo(id);
        if (message.has("error")) {
            McpSchema.assertValid("JSONRPCErrorResponse", message);
        }
        return message;
    }

    /** Calls a long tool declaring the extension; the answer must be a CreateTaskResult. */
    String createTask(String tool, String message) throws IOException {
        int id = nextId();
        send(modern(id, "tools/call", call(tool, message), true));
        JsonNode result = answer(id).get("result");
        McpSchema.assertValidTask("CreateTaskResult", result);
        assertThat(result.get("resultType").asText()).isEqualTo("task");
        assertThat(result.get("status").asText()).isEqualTo("working");
        return result.get("taskId").asText();
    }

    /** {@code tasks/get}, declaring the extension; a result must be a GetTaskResult. */
    JsonNode get(JsonNode taskId) throws IOException {
        int id = nextId();
        send(modern(id, "tasks/get", taskId(taskId), true));
        JsonNode answer = answer(id);
        if (answer.has("result")) {
            McpSchema.assertValidTask("GetTaskResult", answer.get("result"));
            if (answer.at("/result/status").asText().equals("completed")) {
                McpSchema.assertValid("CallToolResult", answer.at("/result/result"));
            }
        }
        return answer;
    }

    JsonNode get(String taskId) throws IOException {
        return get(TextNode.valueOf(taskId));
    }

    /** {@code tasks/cancel} or {@code tasks/update}, declaring the extension. */
    JsonNode signal(String method, String taskId) throws IOException {
        int id = nextId();
        send(modern(id, method, taskId(TextNode.valueOf(taskId)), true));
        JsonNode answer = answer(id);
        if (answer.has("result")) {
            McpSchema.assertValidTask(
                    method.equals("tasks/cancel") ? "CancelTaskResult" : "UpdateTaskResult", answer.get("result"));
        }
        return answer;
    }

    /** Polls until the task leaves {@code working}; the last {@code tasks/get} result. */
    JsonNode awaitEnd(String taskId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_LIMIT_MILLIS);
        while (System.nanoTime() < deadline) {
            JsonNode result = get(taskId).get("result");
            if (!result.get("status").asText().equals("working")) {
                return result;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("task still working after " + POLL_LIMIT_MILLIS + " ms");
    }

    /** Ends the input and waits for the server to exit, so no call still writes to the test's directories. */
    @Override
    public void close() throws IOException {
        session.endInput();
        try {
            assertThat(session.awaitExit()).isZero();
        } catch (Exception e) {
            throw new AssertionError("the server did not exit", e);
        }
    }
}
