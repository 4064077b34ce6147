package dev.devskyy.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Chrome DevTools Protocol over {@code --remote-debugging-pipe}: each message is one JSON
 * object followed by a NUL byte, commands to the browser on one pipe, answers and events back on
 * the other. A pipe, not a port, so that no other local process can reach the browser devskyy
 * drives. Every message read is bounded before it is parsed; events are handed to one consumer on
 * the reading thread, in order.
 */
final class DevToolsPipe implements AutoCloseable {
    /** The largest message read: the protocol's own are small; a page's are cut well below this. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;
    /**
     * The event a dropped message becomes: one over the bound is read past, not kept, so that a
     * page logging a huge value loses that message, not the check.
     */
    static final String DROPPED = "devskyy.messageDropped";

    private final OutputStream commands;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private volatile String broken;

    DevToolsPipe(InputStream messages, OutputStream commands, Consumer<JsonNode> events) {
        this.commands = commands;
        this.reader = new Thread(() -> read(messages, events), "devskyy-devtools");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends {@code method} (to {@code session}, or the browser when null) and waits for its answer
     * until {@code deadline}.
     *
     * @return the command's {@code result}
     * @throws BrowserFailure BROKEN for an error answer or a dead browser, TIMEOUT or CANCELLED
     */
    JsonNode call(String session, String method, ObjectNode params, Instant deadline, BooleanSupplier cancelled) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            send(command(id, session, method, params));
            JsonNode message = await(answer, deadline, cancelled, method);
            if (message.has("error")) {
                throw new BrowserFailure(
                        BrowserFailure.Kind.BROKEN,
                        "Chromium refused " + method + ": "
                                + message.at("/error/message").asText());
            }
            return message.path("result");
        } finally {
            pending.remove(id);
        }
    }

    /** Sends {@code method} without waiting: for answers to paused requests, whose outcome the page shows. */
    void post(String session, String method, ObjectNode params) {
        send(command(ids.incrementAndGet(), session, method, params));
    }

    /** A command as the protocol has it: to {@code session}, or the browser when null. */
    private static ObjectNode command(long id, String session, String method, ObjectNode params) {
        ObjectNode command = Json.object().put("id", id).put("method", method);
        command.set("params", params == null ? Json.object() : params);
        if (session != null) {
            command.put("sessionId", session);
        }
        return command;
    }

    private void send(ObjectNode command) {
        if (broken != null) {
            throw new BrowserFailure(BrowserFailure.Kind.BROKEN, broken);
        }
        byte[] bytes = Json.bytes(command);
        synchronized (commands) {
            try {
                commands.write(bytes);
                commands.write(0);
                commands.flush();
            } catch (IOException e) {
                fail("Chromium closed its DevTools pipe");
            }
        }
        if (broken != null) {
            throw new BrowserFailure(BrowserFailure.Kind.BROKEN, broken);
        }
    }

    private static JsonNode await(
            CompletableFuture<JsonNode> answer, Instant deadline, BooleanSupplier cancelled, String method) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new BrowserFailure(BrowserFailure.Kind.CANCELLED, "cancelled");
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new BrowserFailure(BrowserFailure.Kind.TIMEOUT, "the deadline passed waiting for " + method);
            }
            try {
                return answer.get(Math.min(left.toMillis() + 1, 100), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the deadline and the caller again
            } catch (ExecutionException e) {
                throw (BrowserFailure) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrowserFailure(BrowserFailure.Kind.CANCELLED, "interrupted");
            }
        }
    }

    private void read(InputStream messages, Consumer<JsonNode> events) {
        try {
            byte[] bytes;
            while ((bytes = next(messages, MAX_MESSAGE_BYTES)) != null) {
                if (bytes.length == 0) {
                    events.accept(Json.object().put("method", DROPPED));
                    continue;
                }
                JsonNode message = Json.parse(bytes);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> waiting =
                            pending.get(message.get("id").asLong());
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } else if (message.has("method")) {
                    events.accept(message);
                }
            }
            fail("Chromium closed its DevTools pipe");
        } catch (IOException | RuntimeException e) {
            fail("Chromium's DevTools pipe broke: " + e.getMessage());
        }
    }

    private void fail(String reason) {
        if (broken == null) {
            broken = reason;
        }
        BrowserFailure failure = new BrowserFailure(BrowserFailure.Kind.BROKEN, broken);
        pending.values().forEach(p -> p.completeExceptionally(failure));
    }

    /**
     * The next NUL-terminated message, null at the end of the stream, or an empty one for a
     * message longer than {@code max} bytes, which is read past without being kept.
     *
     * @throws IOException for a stream that ends inside a message
     */
    static byte[] next(InputStream in, int max) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean over = false;
        int b;
        while ((b = in.read()) > 0) {
            if (message.size() == max) {
                over = true;
                message.reset();
            }
            if (!over) {
                message.write(b);
            }
        }
        if (over && b == 0) {
            return new byte[0];
        }
        if (b < 0) {
            if (message.size() > 0) {
                throw new IOException("the DevTools pipe ended inside a message");
            }
            return null;
        }
        return message.toByteArray();
    }

    @Override
    public void close() {
        fail("closed");
        reader.interrupt();
    }
}
