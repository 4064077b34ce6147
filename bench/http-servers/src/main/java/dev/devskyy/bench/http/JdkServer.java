package dev.devskyy.bench.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's own server, set up as devskyy's HttpTransport sets it up: a backlog of 256 and a pool
 * of 64 handler threads in front of a queue of 4096.
 */
public final class JdkServer {
    private static final int THREADS = 64;

    private JdkServer() {}

    public static void main(String[] args) throws IOException {
        int port = Mcp.port(args);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), task -> {
                    Thread thread = new Thread(task, "jdk-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        server.setExecutor(pool);
        server.createContext("/", JdkServer::handle);
        server.start();
        Mcp.ready();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Mcp.PATH.equals(exchange.getRequestURI().getRawPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && Long.parseLong(declared.trim()) > Mcp.MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(Mcp.MAX_BODY + 1); // chunked bodies have no length up front
            }
            if (body.length > Mcp.MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            byte[] answer = Mcp.answer(body.length);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }
}
