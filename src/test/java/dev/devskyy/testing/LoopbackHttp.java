package dev.devskyy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that answers each connection with bytes the test writes (so a
 * test can send what no well-behaved server would), and remembers the request heads it received.
 */
public final class LoopbackHttp implements AutoCloseable {
    /** What to do with one connection, given the request's head (request line and fields). */
    @FunctionalInterface
    public interface Script {
        void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Script script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackHttp(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "loopback-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server whose every answer is {@code script}'s. */
    public static LoopbackHttp scripted(Script script) throws IOException {
        return new LoopbackHttp(script);
    }

    /** A server that answers every request with {@code response(requestHead)}, written whole. */
    public static LoopbackHttp answering(Function<String, String> response) throws IOException {
        return new LoopbackHttp((head, out) -> out.write(response.apply(head).getBytes(StandardCharsets.ISO_8859_1)));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The request heads received so far, in order. */
    public List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "loopback-http-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            String head = head(socket.getInputStream());
            requests.add(head);
            script.answer(head, socket.getOutputStream());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 65536) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
