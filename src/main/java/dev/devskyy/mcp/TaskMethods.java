package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.util.Optional;

/**
 * {@code tasks/get}, {@code tasks/cancel} and {@code tasks/update} of the
 * {@code io.modelcontextprotocol/tasks} extension (2026-07-28 requests only: {@link
 * Methods.Availability#MODERN}), answered on the reading thread (they only read
 * or signal the store), so polling is answered however busy the pool is. Only a 2026-07-28 request
 * that declares the extension may use them; a task id is its own authorization on stdio, where the
 * process has one client.
 */
final class TaskMethods {
    static final String EXTENSION = "io.modelcontextprotocol/tasks";

    private final TaskStore store;

    TaskMethods(TaskStore store) {
        this.store = store;
    }

    /**
     * Says in {@code server/discover}'s capabilities that this server speaks the extension (it has
     * no settings: an empty object). Called where discovery builds its capabilities.
     */
    static void advertise(ObjectNode capabilities) {
        JsonNode extensions = capabilities.get("extensions");
        (extensions instanceof ObjectNode existing ? existing : capabilities.putObject("extensions"))
                .putObject(EXTENSION);
    }

    /** Whether this request declared the extension: capabilities count per request, never from earlier ones. */
    static boolean declared(Request request) {
        return request.modern()
                && request.clientCapabilities().path("extensions").has(EXTENSION);
    }

    /** {@code tasks/get}: the task as it is now, with its result once it has one. */
    void get(Request request) {
        task(request).ifPresent(task -> request.respond(store.describe(task)));
    }

    /** {@code tasks/cancel}: acknowledged at once; the call stops through the runtime and is audited. */
    void cancel(Request request) {
        task(request).ifPresent(task -> {
            store.cancel(task);
            request.respond(Json.object());
        });
    }

    /** {@code tasks/update}: devskyy's tools never ask for input, so there is nothing to apply. */
    void update(Request request) {
        task(request).ifPresent(task -> request.respond(Json.object()));
    }

    /**
     * The task the request names, or empty once the request has been answered with why not. A task
     * id is never echoed back: it may be megabytes long.
     */
    private Optional<TaskStore.Task> task(Request request) {
        if (!declared(request)) {
            ObjectNode required = Json.object();
            required.putObject("requiredCapabilities").putObject("extensions").putObject(EXTENSION);
            request.fail(
                    JsonRpc.MISSING_CLIENT_CAPABILITY,
                    "Missing required client capability: declare the extension " + EXTENSION
                            + " in _meta io.modelcontextprotocol/clientCapabilities",
                    required);
            return Optional.empty();
        }
        JsonNode id = request.params().get("taskId");
        if (id == null || !id.isTextual()) {
            request.fail(JsonRpc.INVALID_PARAMS, "Invalid params: taskId must be a string");
            return Optional.empty();
        }
        Optional<TaskStore.Task> task = store.find(id.asText(), request.peer().actor());
        if (task.isEmpty()) {
            request.fail(
                    JsonRpc.INVALID_PARAMS,
                    "Invalid params: no such task (never created, or expired after its ttlMs and forgotten)");
        }
        return task;
    }
}
