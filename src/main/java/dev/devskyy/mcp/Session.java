package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.runtime.CallObserver;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads requests on the calling thread, answers cheap ones at once and runs
 * tool calls on a bounded pool, so a slow tool never delays {@code ping} or another call. Input is
 * bounded per line and in total while calls are in progress; at end of input or on a signal every
 * accepted call is answered before the process exits.
 */
final class Session {
    static final long DEFAULT_MAX_MESSAGE_BYTES = 4L << 20;
    static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L << 20;
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final String SHUTDOWN_REASON = "the server is shutting down";
    static final String META_IDEMPOTENCY_KEY = "dev.devskyy/idempotency-key";
    static final String META_ACTOR = "dev.devskyy/actor";

    static final String INSTRUCTIONS = "devskyy tools are deny-by-default. A result with isError and code E4003 "
            + "PERMISSION_DENIED names a permission, root or host the user must grant when starting the "
            + "server (--allow, --root, --allow-host, --policy); do not retry it. On E4001 or E4002 fix the "
            + "arguments and call again. Results carry text and structuredContent.";

    private final ToolServer.Settings settings;
    private final MessageWriter writer;
    private final Calls calls = new Calls(DEFAULT_MAX_IN_FLIGHT_BYTES);
    private volatile Duration grace = DEFAULT_SHUTDOWN_GRACE;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private volatile boolean initialized;
    private volatile LogLevel logLevel = LogLevel.WARNING;
    private final CompletableFuture<ToolServer.Options> options;
    private CompletableFuture<ToolRuntime> runtime;
    private CompletableFuture<ToolPages> pages;

    /** Looked up when first needed: starting logback is not part of the handshake. */
    private static Logger log() {
        return LoggerFactory.getLogger(Session.class);
    }

    Session(ToolServer.Settings settings) {
        this.settings = settings;
        this.options = settings.options();
        this.writer = new MessageWriter(settings.out());
    }

    int run() throws IOException {
        // SIGINT (Claude Code kills ~100 ms later) cancels at once; SIGTERM and any other exit
        // leave calls their grace. Each then exits 0, as at end of input.
        Runnable restoreInt = Signals.handle("INT", () -> {
            calls.cancelAll(SHUTDOWN_REASON); // also cuts short a grace already running (input ended first)
            stopAndHalt(Duration.ZERO);
        });
        Runnable restoreTerm = Signals.handle("TERM", () -> stopAndHalt(grace));
        Thread hook = new Thread(() -> stopAndHalt(grace), "devskyy-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LineReader reader = new LineReader(settings.in(), DEFAULT_MAX_MESSAGE_BYTES);
        options.thenAccept(o -> {
            reader.limit(o.maxMessageBytes());
            calls.budget(o.maxInFlightBytes());
            grace = o.shutdownGrace();
        });
        try {
            for (LineReader.Line line; (line = reader.next()) != null; ) {
                if (line instanceof LineReader.Oversized oversized) {
                    rejectOversized(oversized);
                } else {
                    receive(((LineReader.Message) line).bytes());
                }
            }
        } catch (UncheckedIOException e) {
            log().info("client stopped reading: {}", e.getMessage());
        } finally {
            stop(grace);
            restoreInt.run();
            restoreTerm.run();
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

    /** On a signal: every accepted call answered, then exit 0 rather than 130 or 143. */
    private void stopAndHalt(Duration callGrace) {
        stop(callGrace);
        Runtime.getRuntime().halt(0);
    }

    /**
     * Accepts no more calls, gives those accepted up to {@code callGrace} to finish, then cancels the
     * rest, each answered with E4006 and audited. Hosts often close stdin and send a signal
     * together, so a second caller waits for the first to finish rather than returning.
     */
    private void stop(Duration callGrace) {
        if (!stopped.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            if (!calls.drain(callGrace, SHUTDOWN_REASON)) {
                log().warn("some calls did not answer in time after being cancelled by shutdown");
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

    /**
     * A line too long to read is answered with its own id when one was found on the way (the
     * client can then fail that request rather than wait), otherwise as unparsable.
     */
    private void rejectOversized(LineReader.Oversized line) {
        String text = "message of " + line.length() + " bytes exceeds the limit of " + line.limit()
                + " bytes (--max-message-bytes); skipped: send smaller arguments (e.g. a path, not file contents)";
        if (line.id() != null) {
            writer.send(JsonRpc.error(line.id(), JsonRpc.INVALID_REQUEST, "Request too large: " + text));
        } else {
            writer.send(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: " + text));
        }
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
            onRequest(validId, method.asText(), paramsObject, bytes.length);
        }
    }

    private void onNotification(String method, ObjectNode params) {
        switch (method) {
            case "notifications/initialized" -> initialized = true;
            case "notifications/cancelled" -> calls.cancelByClient(params.path("requestId"));
            default -> {
                // other notifications need no action, and never an answer
            }
        }
    }

    /** @param size the request's length in bytes, for the in-flight budget */
    private void onRequest(JsonNode id, String method, ObjectNode params, long size) {
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
            case "tools/list" -> submit(id, RequestWeight.of(size, params), call -> listTools(id, params));
            case "tools/call" -> callTool(id, params, RequestWeight.of(size, params));
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

    /** Runs {@code work} on the pool as an accepted call, or answers at once why it was not accepted. */
    private void submit(JsonNode id, long weight, Consumer<Calls.Call> work) {
        Calls.Refusal refusal = calls.start(id, weight, call -> {
            try {
                work.accept(call);
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
        if (refusal != null) {
            writer.send(JsonRpc.error(id, refusal.code(), refusal.message()));
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

    private void callTool(JsonNode id, ObjectNode params, long weight) {
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
        submit(id, weight, call -> {
            ToolRuntime tools = runtime.join();
            if (tools.registry().find(name.asText()).isEmpty()) {
                writer.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name.asText()));
                return;
            }
            Caller server = options.join().caller();
            Caller caller = actor == null ? server : server.narrowedTo(actor.asText());
            JsonNode arguments = params.has("arguments") ? params.get("arguments") : Json.object();
            AtomicBoolean done = new AtomicBoolean();
            ToolCallRequest request = ToolCallRequest.builder(name.asText(), arguments, caller.actor(), caller.grants())
                    .idempotencyKey(key == null ? null : key.asText())
                    .cancellation(call.cancellation())
                    .observer(observer(name.asText(), token, done))
                    .build();
            ToolCallResult result = tools.call(request);
            done.set(true);
            if (!call.byClient().get()) {
                writer.send(JsonRpc.result(id, result.toJson()));
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
