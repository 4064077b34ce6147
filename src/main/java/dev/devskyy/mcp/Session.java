package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Cancellation;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads requests on the calling thread, answers cheap ones at once and runs
 * tool calls on a bounded pool, so a slow tool never delays {@code ping} or another call.
 */
final class Session {
    private static final long SHUTDOWN_GRACE_MILLIS = 2_000;
    static final long DEFAULT_MAX_MESSAGE_BYTES = 16L << 20;
    static final String META_IDEMPOTENCY_KEY = "dev.devskyy/idempotency-key";
    static final String META_ACTOR = "dev.devskyy/actor";

    static final String INSTRUCTIONS = "devskyy tools are deny-by-default. A result with isError and code E4003 "
            + "PERMISSION_DENIED names a permission, root or host the user must grant when starting the "
            + "server (--allow, --root, --allow-host, --policy); do not retry it. On E4001 or E4002 fix the "
            + "arguments and call again. Results carry text and structuredContent.";

    private final ToolServer.Settings settings;
    private final MessageWriter writer;
    private final ThreadPoolExecutor pool;
    private final Map<JsonNode, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private volatile boolean initialized;
    private volatile LogLevel logLevel = LogLevel.WARNING;
    private final CompletableFuture<ToolServer.Options> options;
    private CompletableFuture<ToolRuntime> runtime;
    private CompletableFuture<ToolPages> pages;

    /** A running call the client may cancel; a cancelled call gets no response. */
    private record InFlight(Cancellation cancellation, AtomicBoolean cancelled) {}

    /** Looked up when first needed: starting logback is not part of the handshake. */
    private static Logger log() {
        return LoggerFactory.getLogger(Session.class);
    }

    Session(ToolServer.Settings settings) {
        this.settings = settings;
        this.options = settings.options();
        this.writer = new MessageWriter(settings.out());
        // Pool threads mostly wait on tools (which run on the runtime's own threads), so many
        // calls may be in flight at once; the queue holds the excess, bounded.
        int threads = 64;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1 << 16), task -> {
                    Thread thread = new Thread(task, "devskyy-mcp-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    int run() throws IOException {
        Thread hook = new Thread(this::stopAndHalt, "devskyy-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LineReader reader = new LineReader(settings.in(), DEFAULT_MAX_MESSAGE_BYTES);
        options.thenAccept(o -> reader.limit(o.maxMessageBytes()));
        try {
            for (LineReader.Line line; (line = reader.next()) != null; ) {
                if (line instanceof LineReader.Oversized oversized) {
                    rejectOversized(oversized.length(), oversized.limit());
                } else {
                    receive(((LineReader.Message) line).bytes());
                }
            }
        } catch (UncheckedIOException e) {
            log().info("client stopped reading: {}", e.getMessage());
        } finally {
            stop();
            try {
                // Hosts send SIGTERM seconds after closing stdin, by when the process has exited.
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook finishes the job
            }
        }
        // Input can end before the options are read: settle them before choosing the exit code.
        try {
            options.join();
            return 0;
        } catch (CompletionException | CancellationException e) {
            return 2;
        }
    }

    /** On SIGTERM: the same short grace as at end of input, then exit 0 rather than 143. */
    private void stopAndHalt() {
        stop();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Gives in-flight calls a short grace, then cancels them. Hosts often close stdin and send
     * SIGTERM together, so a second caller waits for the first to finish rather than returning.
     */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            pool.shutdown();
            if (!pool.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                inFlight.values().forEach(call -> {
                    call.cancelled().set(true);
                    call.cancellation().cancel();
                });
                pool.shutdownNow();
            }
            if (runtime != null) {
                runtime.thenAccept(ToolRuntime::close);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stoppedLatch.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stoppedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rejectOversized(long length, long limit) {
        String text = "message of " + length + " bytes exceeds the limit of " + limit
                + " bytes (--max-message-bytes); skipped";
        writer.send(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, text));
        sendLog(LogLevel.WARNING, "devskyy/server", text);
    }

    private void receive(byte[] bytes) {
        JsonNode message;
        try {
            message = Json.parse(bytes);
        } catch (IOException e) {
            writer.send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: not a JSON value"));
            return;
        }
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
            onNotification(method.asText(), paramsObject);
        } else {
            onRequest(validId, method.asText(), paramsObject);
        }
    }

    private void onNotification(String method, ObjectNode params) {
        switch (method) {
            case "notifications/initialized" -> initialized = true;
            case "notifications/cancelled" -> {
                InFlight call = inFlight.get(params.path("requestId"));
                if (call != null) {
                    call.cancelled().set(true);
                    call.cancellation().cancel();
                }
            }
            default -> {
                // other notifications need no action, and never an answer
            }
        }
    }

    private void onRequest(JsonNode id, String method, ObjectNode params) {
        if ("ping".equals(method)) {
            writer.send(JsonRpc.result(id, Json.object()));
            return;
        }
        if ("initialize".equals(method)) {
            initialize(id, params);
            return;
        }
        if (runtime == null) {
            writer.send(JsonRpc.error(id, JsonRpc.NOT_INITIALIZED, "Server not initialized: send initialize first"));
            return;
        }
        switch (method) {
            case "tools/list" -> submit(id, () -> listTools(id, params));
            case "tools/call" -> callTool(id, params);
            case "logging/setLevel" -> setLevel(id, params);
            default -> writer.send(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method));
        }
    }

    private void initialize(JsonNode id, ObjectNode params) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: protocolVersion is required"));
            return;
        }
        if (runtime != null) {
            writer.send(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid request: already initialized"));
            return;
        }
        ObjectNode result = Json.object();
        result.put("protocolVersion", ProtocolVersions.negotiate(requested.asText()));
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", "devskyy");
        info.put("title", "devskyy security toolbox");
        info.put("version", BuildInfo.version());
        info.put("description", "Permissioned security tools: encryption, scanning, verification.");
        result.put("instructions", INSTRUCTIONS);
        writer.send(JsonRpc.result(id, result));
        // Only now load what the handshake did not need: tools, schemas, the runtime.
        // On a thread of its own: the pool may already be shutting down when input ends early.
        runtime = options.thenApplyAsync(o -> o.runtime().get(), task -> {
            Thread loader = new Thread(task, "devskyy-tools-loader");
            loader.setDaemon(true);
            loader.start();
        });
        pages = runtime.thenCombine(
                options, (r, o) -> new ToolPages(r.registry().list(), o.pageSize()));
    }

    private void submit(JsonNode id, Runnable work) {
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (UncheckedIOException e) {
                    log().debug("client gone while answering {}", id);
                } catch (CompletionException e) {
                    String problem =
                            e.getCause() == null ? e.toString() : e.getCause().getMessage();
                    writer.send(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Server misconfigured: " + problem));
                } catch (RuntimeException e) {
                    log().error("request {} failed", id, e);
                    writer.send(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error"));
                }
            });
        } catch (RejectedExecutionException e) {
            writer.send(JsonRpc.error(id, JsonRpc.SERVER_BUSY, "Server busy: too many requests in flight"));
        }
    }

    private void listTools(JsonNode id, ObjectNode params) {
        JsonNode cursor = params.get("cursor");
        if (cursor != null && !cursor.isTextual()) {
            writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: cursor must be a string"));
            return;
        }
        pages.join()
                .page(cursor == null ? null : cursor.asText())
                .ifPresentOrElse(
                        page -> writer.send(JsonRpc.result(id, page)),
                        () -> writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor")));
    }

    private void callTool(JsonNode id, ObjectNode params) {
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: name is required"));
            return;
        }
        JsonNode meta = params.path("_meta");
        JsonNode token = meta.get("progressToken");
        JsonNode key = meta.get(META_IDEMPOTENCY_KEY);
        JsonNode actor = meta.get(META_ACTOR);
        if ((token != null && !JsonRpc.isValidId(token))
                || (key != null && !key.isTextual())
                || (actor != null && !actor.isTextual())) {
            writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Invalid params: malformed _meta"));
            return;
        }
        InFlight call = new InFlight(new Cancellation(), new AtomicBoolean());
        inFlight.put(id, call);
        submit(id, () -> {
            try {
                ToolRuntime tools = runtime.join();
                if (tools.registry().find(name.asText()).isEmpty()) {
                    writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name.asText()));
                    return;
                }
                Caller server = options.join().caller();
                Caller caller = actor == null ? server : server.narrowedTo(actor.asText());
                JsonNode arguments = params.has("arguments") ? params.get("arguments") : Json.object();
                AtomicBoolean done = new AtomicBoolean();
                ToolCallRequest request = ToolCallRequest.of(name.asText(), arguments, caller.actor(), caller.grants())
                        .withIdempotencyKey(key == null ? null : key.asText())
                        .withCancellation(call.cancellation())
                        .withObserver(observer(name.asText(), token, done));
                ToolCallResult result = tools.call(request);
                done.set(true);
                if (!call.cancelled().get()) {
                    writer.send(JsonRpc.result(id, result.toJson()));
                }
            } finally {
                inFlight.remove(id, call);
            }
        });
    }

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
                sendLog(LogLevel.parse(level).orElse(LogLevel.INFO), "devskyy/" + tool, message);
            }
        };
    }

    private void setLevel(JsonNode id, ObjectNode params) {
        var level = LogLevel.parse(params.path("level").asText(""));
        if (level.isEmpty()) {
            writer.send(JsonRpc.error(
                    id,
                    JsonRpc.INVALID_PARAMS,
                    "Invalid params: level must be one of debug, info, notice, "
                            + "warning, error, critical, alert, emergency"));
            return;
        }
        logLevel = level.get();
        writer.send(JsonRpc.result(id, Json.object()));
    }

    /**
     * Logs to stderr, and sends the record to the client when it is at or above the level the
     * client asked for. Messages are built by devskyy and tools, never from call arguments.
     */
    private void sendLog(LogLevel level, String logger, String message) {
        if (level.atLeast(LogLevel.WARNING)) {
            log().warn("{} {}: {}", level.wireName(), logger, message);
        } else {
            log().info("{} {}: {}", level.wireName(), logger, message);
        }
        if (initialized && level.atLeast(logLevel)) {
            ObjectNode params = Json.object();
            params.put("level", level.wireName());
            params.put("logger", logger);
            params.put("data", message);
            writer.send(JsonRpc.notification("notifications/message", params));
        }
    }
}
