package dev.devskyy.bench.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Undertow core, no servlets, its defaults otherwise (I/O threads: one per core, at least two;
 * worker threads: eight per I/O thread). The handler runs inline on the I/O thread and never
 * dispatches to a worker: the body comes in through the asynchronous receiver (no thread waits on
 * it), and the rest (count the bytes, format a short answer) is trivial. A real handler doing real
 * work would have to dispatch, and pay a thread hand-off that this one doesn't.
 */
public final class UndertowServer {
    private UndertowServer() {}

    public static void main(String[] args) {
        int port = Mcp.port(args);
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                // Undertow's own cap (2 MiB in this version unless set) only as a backstop above
                // ours: the handler answers 413 past 4 MiB, then drains the rest of the body, and
                // this cap ends a body that goes on past 8 MiB
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 2L * Mcp.MAX_BODY)
                .setHandler(UndertowServer::handle)
                .build();
        server.start();
        Mcp.ready();
    }

    private static void handle(HttpServerExchange exchange) {
        if (!Mcp.PATH.equals(exchange.getRequestPath())) {
            exchange.setStatusCode(404).endExchange();
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            exchange.setStatusCode(405).endExchange();
            return;
        }
        if (exchange.getRequestContentLength() > Mcp.MAX_BODY) {
            exchange.setStatusCode(413).endExchange();
            return;
        }
        // Counted here rather than left to MAX_ENTITY_SIZE: past that limit Undertow drops a chunked
        // request's connection without an answer, where the others answer 413.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        exchange.getRequestReceiver().receivePartialBytes(
                (part, bytes, last) -> {
                    if (part.isResponseStarted()) {
                        return; // refused: what is left of the body is read and dropped
                    }
                    if (body.size() + bytes.length > Mcp.MAX_BODY) {
                        body.reset();
                        part.setStatusCode(413).endExchange();
                        return;
                    }
                    body.write(bytes, 0, bytes.length);
                    if (last) {
                        part.setStatusCode(200);
                        part.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                        part.getResponseSender().send(ByteBuffer.wrap(Mcp.answer(body.size())));
                    }
                },
                (failed, error) -> failed.endExchange());
    }
}
