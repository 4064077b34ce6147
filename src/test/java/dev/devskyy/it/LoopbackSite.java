package dev.devskyy.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real web server on a loopback address for the browser tests: the files under a directory,
 * pages a test adds by path, and every request it received ("METHOD /path").
 */
final class LoopbackSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript",
            "mjs", "text/javascript",
            "json", "application/json",
            "png", "image/png");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path root;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackSite(String address, Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code html} at {@code path}. */
    void page(String path, String html) {
        pages.put(path, html);
    }

    /** Answers {@code path} with a 302 to {@code location}. */
    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> requests() {
        return requests;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            String type;
            Path file = root.resolve(path.substring(1)).normalize();
            if (redirects.containsKey(path)) {
                exchange.getResponseHeaders().set("Location", redirects.get(path));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (pages.containsKey(path)) {
                body = pages.get(path).getBytes(StandardCharsets.UTF_8);
                type = TYPES.get("html");
            } else if (file.startsWith(root) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
                String name = file.getFileName().toString();
                type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
