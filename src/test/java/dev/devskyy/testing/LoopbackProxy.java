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

/**
 * A real HTTP CONNECT proxy on 127.0.0.1 (RFC 9110 §9.3.6): it remembers each CONNECT request's
 * head, answers {@code status} to it, and when that is 200 relays bytes both ways between the
 * client and the target the request named.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int status;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public LoopbackProxy(int status) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.status = status;
        Thread acceptor = new Thread(this::accept, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The CONNECT request heads received, in order. */
    public List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread relay = new Thread(() -> serve(client), "loopback-proxy-client");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            requests.add(head.toString());
            OutputStream out = client.getOutputStream();
            out.write(
                    ("HTTP/1.1 " + status + " Proxy\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (status != 200) {
                return;
            }
            String target = head.substring("CONNECT ".length(), head.indexOf(" HTTP/1.1"));
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket upstream = new Socket(host, Integer.parseInt(target.substring(colon + 1)))) {
                Thread down = new Thread(() -> copy(upstream, client), "loopback-proxy-down");
                down.setDaemon(true);
                down.start();
                copy(client, upstream);
                down.join(5000);
            }
        } catch (IOException e) {
            // either side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
