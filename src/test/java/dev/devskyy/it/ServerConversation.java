package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import dev.devskyy.testing.McpSchema;
import dev.devskyy.testing.OwnThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real server process ({@code bin/devskyy serve}) talked to line by line: every line it writes
 * is checked against the MCP schema and kept, responses indexed by id with the time they arrived.
 */
final class ServerConversation implements AutoCloseable {
    static final String INITIALIZE = ServeIT.INITIALIZE.replace("\"id\":1", "\"id\":\"init\"");

    private final Launcher.Pending server;
    private final OutputStream in;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> reading;

    ServerConversation(Path home, Map<String, String> env, String... args) throws IOException {
        server = Launcher.startInteractive(home, Launcher.PROJECT, env, Launcher.SCRIPT, args);
        in = server.process().getOutputStream();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8));
        reading = CompletableFuture.runAsync(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            JsonNode message = Json.parse(line);
                            McpSchema.assertValid("JSONRPCMessage", message);
                            if (message.has("id")) {
                                answeredAt.put(message.get("id").asText(), System.nanoTime());
                            }
                            received.add(message);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                OwnThreads.EXECUTOR);
        send(INITIALIZE);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    Process process() {
        return server.process();
    }

    void send(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void send(byte[] line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    /** Waits (boundedly) for the answer to request {@code id}; returns when it arrived (nanoTime). */
    long awaitAnswer(String id, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!answeredAt.containsKey(id)) {
            assertThat(System.nanoTime())
                    .as("answer to %s within %d ms; stderr so far unavailable", id, timeoutMillis)
                    .isLessThan(deadline);
            assertThat(reading)
                    .as("the server closed its output before answering " + id)
                    .isNotDone();
            Thread.sleep(5);
        }
        return answeredAt.get(id);
    }

    void endInput() throws IOException {
        in.close();
    }

    /** Closes stdin and waits (boundedly) for the exit; returns the exit code. */
    int endInputAndAwaitExit(long timeoutSeconds) throws Exception {
        endInput();
        return awaitExit(timeoutSeconds);
    }

    int awaitExit(long timeoutSeconds) throws Exception {
        assertThat(server.process().waitFor(timeoutSeconds, TimeUnit.SECONDS))
                .as("the server exits within %d s", timeoutSeconds)
                .isTrue();
        reading.get(10, TimeUnit.SECONDS);
        return server.process().exitValue();
    }

    /** The responses (messages with an id), by id as text. */
    Map<String, JsonNode> responsesById() {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (JsonNode message : received) {
            if (message.has("id")) {
                assertThat(byId.put(message.get("id").asText(), message))
                        .as("one response per id: %s", message.get("id"))
                        .isNull();
            }
        }
        return byId;
    }

    /** Everything the server wrote to stderr: waits for it to exit, so end its input first. */
    String stderr() {
        return server.stderr();
    }

    @Override
    public void close() {
        server.process().destroyForcibly();
    }
}
