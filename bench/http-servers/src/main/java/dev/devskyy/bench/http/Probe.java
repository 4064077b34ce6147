package dev.devskyy.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The measuring side of bench/http-servers.sh, with nothing but the JDK and plain sockets on
 * loopback (no HTTP library, so that no client-side pooling or retry hides what a server does):
 * <ul>
 *   <li>{@code check PORT}: the server does the agreed work (200 with the right body, 404, 405, 413
 *       for a declared and for a chunked body over 4 MiB, keep-alive);
 *   <li>{@code startup RUNS PORT NAME CMD [NAME CMD]...}: spawn to first answered POST, the servers
 *       taken in turn in each round (the order turned by one each round), so load hits all alike;
 *   <li>{@code slowloris PORT CONNECTIONS SECONDS}: slow clients, each sending its request head one
 *       byte a second, then one ordinary POST from another client, all within SECONDS.
 * </ul>
 * Each prints one line of {@code key=value} fields per result for the script to read.
 */
public final class Probe {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Probe() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: check|startup|slowloris ...");
        }
        switch (args[0]) {
            case "check" -> System.exit(check(Integer.parseInt(args[1])) ? 0 : 1);
            case "startup" -> startup(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Arrays.copyOfRange(args, 3, args.length));
            case "slowloris" -> slowloris(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------- a minimal HTTP/1.1 client

    record Answer(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A JSON-RPC call of {@code size} bytes (padded in a string field). */
    static byte[] jsonBody(int size) {
        String head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"scan\",\"pad\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String head(String method, String path, int port, long length, boolean close) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\n"
                + (length >= 0 ? "Content-Length: " + length + "\r\n" : "Transfer-Encoding: chunked\r\n")
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(LOOPBACK, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One request on a new connection that is closed after it. */
    static Answer once(int port, String method, String path, byte[] body, int timeoutMillis) throws IOException {
        try (Socket socket = connect(port, timeoutMillis)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, port, body.length, true).getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
    }

    /** Reads one answer: status line, headers, then Content-Length bytes, chunks, or up to EOF. */
    static Answer read(InputStream in, long deadline) throws IOException {
        String headers = line(in, deadline, true);
        if (headers.isEmpty()) {
            throw new IOException("connection closed before any answer");
        }
        String[] lines = headers.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code = Integer.parseInt(status[1]);
        long length = -1;
        boolean chunked = false;
        for (String field : lines) {
            String lower = field.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(field.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (code == 204 || code == 304 || (code >= 100 && code < 200)) {
            return new Answer(code, headers, new byte[0]);
        } else if (chunked) {
            while (true) {
                int size = Integer.parseInt(line(in, deadline, false).split(";")[0].trim(), 16);
                if (size == 0) {
                    line(in, deadline, true); // trailers
                    break;
                }
                body.write(in.readNBytes(size));
                line(in, deadline, false);
            }
        } else if (length >= 0) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException("body cut short");
            }
            body.write(bytes);
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(code, headers, body.toByteArray());
    }

    /** One line (or, with {@code block}, everything up to an empty line), without its end. */
    private static String line(InputStream in, long deadline, boolean block) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("answer too slow");
            }
            text.append((char) c);
            int n = text.length();
            if (!block && n >= 2 && text.charAt(n - 2) == '\r' && c == '\n') {
                return text.substring(0, n - 2);
            }
            if (block && n >= 4 && text.substring(n - 4).equals("\r\n\r\n")) {
                return text.substring(0, n - 4);
            }
            if (n == 2 && block && text.toString().equals("\r\n")) {
                return "";
            }
        }
        return text.toString().trim();
    }

    // ---------------------------------------------------------------- check

    private static boolean check(int port) throws Exception {
        boolean ok = true;
        byte[] body = jsonBody(300);
        Answer answer = once(port, "POST", Mcp.PATH, body, 5000);
        String expected = new String(Mcp.answer(body.length), StandardCharsets.US_ASCII);
        boolean json = answer.headers().toLowerCase(Locale.ROOT).contains("content-type: application/json");
        ok &= report("post 300 bytes", answer.status() == 200 && json && answer.text().equals(expected),
                answer.status() + " " + answer.text());
        byte[] large = jsonBody(3 << 20);
        Answer big = once(port, "POST", Mcp.PATH, large, 10_000);
        ok &= report("post 3 MiB", big.status() == 200
                && big.text().equals(new String(Mcp.answer(large.length), StandardCharsets.US_ASCII)), String.valueOf(big.status()));
        Answer get = once(port, "GET", Mcp.PATH, new byte[0], 5000);
        ok &= report("get /mcp", get.status() == 405, String.valueOf(get.status()));
        Answer other = once(port, "POST", "/other", body, 5000);
        ok &= report("post /other", other.status() == 404, String.valueOf(other.status()));
        ok &= report("post 5 MiB (Content-Length)", tooBig(port, false) == 413, "");
        ok &= report("post 5 MiB (chunked)", tooBig(port, true) == 413, "");
        try (Socket socket = connect(port, 5000)) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            int answered = 0;
            for (int i = 0; i < 3; i++) {
                out.write(head("POST", Mcp.PATH, port, body.length, false).getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                if (read(in, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)).status() == 200) {
                    answered++;
                }
            }
            ok &= report("keep-alive, 3 requests on one connection", answered == 3, answered + " answered");
        }
        return ok;
    }

    private static boolean report(String what, boolean passed, String detail) {
        System.out.println("check " + (passed ? "ok  " : "FAIL") + " " + what + (detail.isEmpty() ? "" : ": " + detail));
        return passed;
    }

    /**
     * The status a 5 MiB body gets; the body is written on another thread, as the server may answer
     * early. Keep-alive, as real clients ask: with "Connection: close" Undertow closes the connection
     * on a refused chunked body with the body unread, and the reset loses its 413 on the way.
     */
    private static int tooBig(int port, boolean chunked) throws Exception {
        int size = 5 << 20;
        try (Socket socket = connect(port, 10_000)) {
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head("POST", Mcp.PATH, port, chunked ? -1 : size, false).getBytes(StandardCharsets.US_ASCII));
                    byte[] piece = new byte[64 << 10];
                    Arrays.fill(piece, (byte) 'x');
                    for (int sent = 0; sent < size; sent += piece.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server refused early and closed: expected
                }
            });
            writer.setDaemon(true);
            writer.start();
            try {
                return read(new BufferedInputStream(socket.getInputStream()),
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(10)).status();
            } catch (IOException e) {
                System.out.println("check      (no answer: " + e.getMessage() + ")");
                return -1;
            }
        }
    }

    // ---------------------------------------------------------------- start-up

    private static volatile Process current;

    private static void startup(int runs, int port, String[] specs) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = current;
            if (p != null) {
                p.destroyForcibly();
            }
        }));
        int n = specs.length / 2;
        String[] names = new String[n];
        List<List<String>> commands = new ArrayList<>();
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names[i] = specs[2 * i];
            commands.add(List.of(specs[2 * i + 1].trim().split("\\s+")));
            times.add(new ArrayList<>());
        }
        byte[] body = jsonBody(300);
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < n; k++) {
                int i = (k + round) % n;
                waitClosed(port);
                double ms = startOnce(commands.get(i), port, body);
                if (ms >= 0) {
                    times.get(i).add(ms);
                }
                System.err.printf(Locale.ROOT, "startup round %d %s %.1f ms%n", round + 1, names[i], ms);
            }
        }
        for (int i = 0; i < n; i++) {
            List<Double> t = times.get(i);
            t.sort(null);
            System.out.printf(Locale.ROOT, "startup name=%s median_ms=%.0f min_ms=%.0f max_ms=%.0f ok=%d runs=%d%n",
                    names[i], median(t), t.isEmpty() ? Double.NaN : t.get(0),
                    t.isEmpty() ? Double.NaN : t.get(t.size() - 1), t.size(), runs);
        }
    }

    /** Milliseconds from spawn to the first 200 answer to a POST, or -1 if none within 30 s. */
    private static double startOnce(List<String> command, int port, byte[] body) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        current = process;
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (once(port, "POST", Mcp.PATH, body, 2000).status() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (IOException notYet) {
                    // refused: not bound yet
                }
                Thread.sleep(1);
            }
            return -1;
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            current = null;
        }
    }

    private static void waitClosed(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = connect(port, 200)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                Thread.sleep(100); // let the previous JVM finish going away
                return;
            }
        }
        throw new IllegalStateException("port " + port + " still taken");
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ---------------------------------------------------------------- slow clients

    /**
     * {@code connections} slow clients each send one byte of a request head a second (the head is
     * longer than the test, so none ever finishes it); one the server drops is opened anew, as an
     * attacker would. After 2 s an ordinary POST comes from another connection, and waits for its
     * answer until 0.5 s before the end. Every socket is closed by the end.
     */
    private static void slowloris(int port, int connections, int seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        byte[] body = jsonBody(300);
        long t = System.nanoTime();
        Answer base = once(port, "POST", Mcp.PATH, body, 5000);
        double baseline = base.status() == 200 ? (System.nanoTime() - t) / 1e6 : -1;

        byte[] slowHead = (head("POST", Mcp.PATH, port, 2, false) + "{}").getBytes(StandardCharsets.US_ASCII);
        Socket[] slow = new Socket[connections];
        int[] sent = new int[connections];
        int[] counts = new int[2]; // [0] connections refused, [1] drops seen (and reopened)
        for (int i = 0; i < connections; i++) {
            slow[i] = openSlow(port, slowHead, counts);
            sent[i] = 1;
        }
        Thread dripper = new Thread(() -> {
            try {
                while (System.nanoTime() < end - TimeUnit.MILLISECONDS.toNanos(1500)) {
                    Thread.sleep(1000);
                    for (int i = 0; i < connections && System.nanoTime() < end - TimeUnit.SECONDS.toNanos(1); i++) {
                        try {
                            if (slow[i] == null) {
                                throw new IOException("not connected");
                            }
                            if (sent[i] < slowHead.length) {
                                slow[i].getOutputStream().write(slowHead, sent[i]++, 1);
                            }
                        } catch (IOException dropped) {
                            if (slow[i] != null) {
                                counts[1]++;
                                closeQuietly(slow[i]);
                            }
                            slow[i] = openSlow(port, slowHead, counts);
                            sent[i] = 1;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dripper");
        dripper.setDaemon(true);
        dripper.start();

        Thread.sleep(2000); // every slow connection has sent something: a thread-per-request server is busy
        long budget = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) - 500;
        t = System.nanoTime();
        String outcome;
        double latency = -1;
        try {
            Answer answer = once(port, "POST", Mcp.PATH, body, (int) Math.max(budget, 1000));
            latency = (System.nanoTime() - t) / 1e6;
            outcome = answer.status() == 200 ? "yes" : "status-" + answer.status();
        } catch (SocketTimeoutException e) {
            outcome = "no";
        } catch (IOException e) {
            outcome = "error";
        }
        long waited = (System.nanoTime() - t) / 1_000_000;

        dripper.interrupt();
        dripper.join(3000);
        int open = 0;
        for (Socket socket : slow) {
            if (socket == null) {
                continue;
            }
            try {
                socket.setSoTimeout(1);
                socket.getInputStream().read(); // -1 (closed) or an early answer such as 408
            } catch (SocketTimeoutException stillWaiting) {
                open++;
            } catch (IOException reset) {
                // dropped
            }
            closeQuietly(socket);
        }
        System.out.printf(Locale.ROOT,
                "slowloris baseline_ms=%.1f answered=%s latency_ms=%.1f waited_ms=%d slow_open_at_end=%d"
                        + " slow_dropped=%d slow_refused=%d elapsed_ms=%d%n",
                baseline, outcome, latency, waited, open, counts[1], counts[0],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static Socket openSlow(int port, byte[] head, int[] counts) {
        try {
            Socket socket = connect(port, 500);
            socket.getOutputStream().write(head, 0, 1);
            return socket;
        } catch (IOException e) {
            counts[0]++;
            return null;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
