package dev.devskyy.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real {@code bin/devskyy serve --http} on a free loopback port, started and awaited; closed with SIGTERM. */
final class RemoteServer implements AutoCloseable {
    private final Launcher.Pending process;
    private final int port;

    private RemoteServer(Launcher.Pending process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves with {@code args} after {@code --http 127.0.0.1:PORT}, once it accepts connections. */
    static RemoteServer start(Path home, Map<String, String> env, String... args) throws Exception {
        return start(home, env, freePort(), args);
    }

    /** As {@link #start(Path, Map, String...)}, on {@code port} (a restart takes its place again). */
    static RemoteServer start(Path home, Map<String, String> env, int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("serve", "--http", "127.0.0.1:" + port));
        command.addAll(List.of(args));
        Launcher.Pending process =
                Launcher.start(home, Launcher.PROJECT, env, Launcher.SCRIPT, command.toArray(String[]::new));
        RemoteServer server = new RemoteServer(process, port);
        Instant until = Instant.now().plusSeconds(60);
        while (!accepts(port)) {
            if (!process.process().isAlive()) {
                throw new AssertionError("devskyy serve --http exited: " + process.stderr());
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("devskyy serve --http did not listen within 60 s");
            }
            Thread.sleep(100);
        }
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Whether something listens on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/mcp}. */
    String endpoint() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    Launcher.Pending process() {
        return process;
    }

    /** {@code kill -9}: no drain, no goodbye. */
    void kill() throws InterruptedException {
        process.process().destroyForcibly();
        process.process().waitFor();
    }

    @Override
    public void close() {
        process.process().destroy();
        try {
            process.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
