package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import dev.devskyy.testing.McpSchema;
import dev.devskyy.testing.OwnThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** An in-process server on pipes, for tests that talk and listen in turn. */
final class LiveSession implements AutoCloseable {
    private final PipedOutputStream toServer = new PipedOutputStream();
    private final BufferedReader fromServer;
    final CompletableFuture<Integer> exit;

    LiveSession(Supplier<ToolRuntime> runtime, Caller caller) throws IOException {
        this(CompletableFuture.completedFuture(options(once(runtime), caller)));
    }

    /** One runtime, whose registry the listing shows too, as serve's does. */
    private static ToolServer.Options options(Supplier<ToolRuntime> runtime, Caller caller) {
        return new ToolServer.Options(
                () -> runtime.get().registry(), runtime, caller, 100, 1 << 20, 64L << 20, Duration.ofSeconds(1));
    }

    private static Supplier<ToolRuntime> once(Supplier<ToolRuntime> runtime) {
        CompletableFuture<ToolRuntime> built = new CompletableFuture<>();
        return () -> {
            synchronized (built) {
                if (!built.isDone()) {
                    built.complete(runtime.get());
                }
            }
            return built.join();
        };
    }

    LiveSession(CompletableFuture<ToolServer.Options> options) throws IOException {
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        // An OS pipe, not a PipedInputStream: that one fails a read once the thread that last wrote
        // has ended, and pool threads end while the server shuts down.
        Pipe pipe = Pipe.open();
        InputStream clientIn = Channels.newInputStream(pipe.source());
        OutputStream serverOut = Channels.newOutputStream(pipe.sink());
        fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
        ToolServer.Settings settings = new ToolServer.Settings(serverIn, serverOut, options);
        exit = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new McpServer().serve(settings);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        try {
                            serverOut.close();
                        } catch (IOException e) {
                            // the reader sees the end either way
                        }
                    }
                },
                OwnThreads.EXECUTOR);
    }

    void send(String json) throws IOException {
        toServer.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    /** The next message from the server, checked against the MCP schema; null when it closed its output. */
    JsonNode receive() throws IOException {
        String line = fromServer.readLine();
        if (line == null) {
            return null;
        }
        JsonNode message = Json.parse(line);
        McpSchema.assertValid("JSONRPCMessage", message);
        return message;
    }

    void initialize() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        receive();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    void endInput() throws IOException {
        toServer.close();
    }

    int awaitExit() throws Exception {
        return exit.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        toServer.close();
    }
}
