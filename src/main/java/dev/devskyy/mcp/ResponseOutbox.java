package dev.devskyy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP response to one POSTed request. Plain JSON holds the answer alone; a request that wants
 * to hear progress or log records while it runs (and accepts {@code text/event-stream}) gets a
 * Server-Sent Events stream scoped to it, which ends with its answer.
 */
final class ResponseOutbox implements Outbox {
    private static final byte[] EVENT = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** 2026-07-28: a request refused as malformed is 400, an unknown method 404 (the era's HTTP rules). */
    private static final Set<Integer> BAD_REQUEST = Set.of(
            JsonRpc.PARSE_ERROR,
            JsonRpc.INVALID_REQUEST,
            JsonRpc.INVALID_PARAMS,
            JsonRpc.HEADER_MISMATCH,
            JsonRpc.MISSING_CLIENT_CAPABILITY,
            JsonRpc.UNSUPPORTED_PROTOCOL_VERSION);

    /** What a cancelled request's answer is: none. */
    private static final JsonNode NO_ANSWER = Json.object();

    private final HttpExchange exchange;
    private final boolean stream;
    private final boolean modern;
    private final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    private OutputStream events; // guarded by this

    /** @param modern a 2026-07-28 request, whose errors have HTTP statuses; a legacy one's are all 200 */
    ResponseOutbox(HttpExchange exchange, boolean stream, boolean modern) {
        this.exchange = exchange;
        this.stream = stream;
        this.modern = modern;
    }

    @Override
    public void send(JsonNode message) {
        boolean isAnswer = message.has("result") || message.has("error");
        if (!stream) {
            if (isAnswer) {
                answer.complete(message);
            }
            return; // a plain JSON response has no room for notifications
        }
        try {
            synchronized (this) {
                if (answer.isDone()) {
                    return; // nothing follows the answer
                }
                if (events == null) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.getResponseHeaders().set("Cache-Control", "no-store");
                    exchange.sendResponseHeaders(200, 0);
                    events = exchange.getResponseBody();
                }
                // Jackson escapes every line break inside a value: one data line per message
                events.write(EVENT);
                events.write(Json.bytes(message));
                events.write(END);
                events.flush();
            }
        } catch (IOException e) {
            answer.complete(message);
            throw new UncheckedIOException("the client closed the connection", e);
        } finally {
            if (isAnswer) {
                answer.complete(message);
            }
        }
    }

    @Override
    public void unanswered() {
        answer.complete(NO_ANSWER);
    }

    /** Waits for the answer and sends it, unless a stream carried it already; 202 when there is none. */
    void finish() throws IOException {
        JsonNode message = answer.join();
        synchronized (this) {
            if (events != null) {
                events.close(); // the stream carried the answer, or ends without one
                return;
            }
        }
        if (message == NO_ANSWER) {
            exchange.sendResponseHeaders(202, -1);
        } else {
            HttpTransport.sendJson(exchange, status(message), message);
        }
    }

    private int status(JsonNode message) {
        int code = message.path("error").path("code").asInt(0);
        if (!modern || code == 0) {
            return 200;
        }
        return BAD_REQUEST.contains(code) ? 400 : code == JsonRpc.METHOD_NOT_FOUND ? 404 : 200;
    }
}
