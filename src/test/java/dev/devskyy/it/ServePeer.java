package dev.devskyy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.OwnThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One real {@code bin/devskyy serve} process used as a JSON-RPC peer by {@link HttpBridge}. Many
 * HTTP clients may reuse the same request id, so every request goes out under a wire id of its own
 * and its answer comes back under the caller's id again.
 */
final class ServePeer implements AutoCloseable {
    private final Launcher.Pending server;
    private final OutputStream in;
    private final AtomicLong nextWireId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();
    /** The caller's id (as JSON text) to the wire id of its request still in flight, for cancellation. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();

    ServePeer(Path home, String... serveArgs) throws IOException {
        String[] args = new String[serveArgs.length + 1];
        args[0] = "serve";
        System.arraycopy(serveArgs, 0, args, 1, serveArgs.length);
        server = Launcher.startInteractive(home, Launcher.PROJECT, Map.of(), Launcher.SCRIPT, args);
        in = server.process().getOutputStream();
        CompletableFuture.runAsync(this::readAnswers, OwnThreads.EXECUTOR);
    }

    /** Sends a request; the future completes with the server's response, carrying the caller's id. */
    CompletableFuture<ObjectNode> request(ObjectNode message) throws IOException {
        JsonNode callerId = message.get("id");
        long wireId = nextWireId.getAndIncrement();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        pending.put(wireId, answer);
        inFlight.put(Json.compact(callerId), wireId);
        ObjectNode onWire = message.deepCopy();
        onWire.put("id", wireId);
        write(onWire);
        return answer.thenApply(response -> {
            inFlight.remove(Json.compact(callerId), wireId);
            response.set("id", callerId);
            return response;
        });
    }

    /** Sends a notification; a cancellation is pointed at the wire id of the request it names. */
    void notify(ObjectNode message) throws IOException {
        ObjectNode onWire = message.deepCopy();
        JsonNode params = onWire.get("params");
        if ("notifications/cancelled".equals(onWire.path("method").asText()) && params instanceof ObjectNode named) {
            Long wireId = inFlight.get(Json.compact(named.path("requestId")));
            if (wireId != null) {
                named.put("requestId", wireId);
            }
        }
        write(onWire);
    }

    private synchronized void write(ObjectNode message) throws IOException {
        in.write(Json.bytes(message));
        in.write('\n');
        in.flush();
    }

    /** Responses go to their waiting request; the server's notifications have no HTTP stream here. */
    private void readAnswers() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode message = Json.parse(line);
                boolean response = message.has("result") || message.has("error");
                if (response && message.path("id").canConvertToLong()) {
                    CompletableFuture<ObjectNode> waiting =
                            pending.remove(message.get("id").asLong());
                    if (waiting != null) {
                        waiting.complete((ObjectNode) message);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IOException gone = new IOException("devskyy serve exited; stderr:\n" + server.stderr());
            pending.values().forEach(waiting -> waiting.completeExceptionally(gone));
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (server.process().waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // the process has already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.process().destroyForcibly();
    }
}
