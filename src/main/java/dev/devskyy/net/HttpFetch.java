package dev.devskyy.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request at a time, on a connection of its own, to an address a {@link Gate} has
 * checked. The name is resolved here, every address it resolves to is shown to the gate, and the
 * connection goes to one of exactly those addresses: a name that resolves differently a moment
 * later (DNS rebinding) cannot move the request. TLS verifies the certificate against the name
 * (SNI and RFC 9110 §4.3.4 identity, the JDK's own checks). Every wait is bounded by the
 * connect and read timeouts and by the call's deadline; the answer by {@link ResponseReader}.
 * Redirects are not followed here: each hop is a new request, checked again.
 */
public final class HttpFetch {
    /**
     * Decides whether a request may go to an address: once by its URL alone, before the name is
     * looked up (so a name that may not be reached is never even sent to DNS), and once with every
     * address it resolved to. Each returns to allow and throws (an unchecked exception of the
     * caller's own) to refuse.
     */
    public interface Gate {
        void checkUrl(WebAddress address);

        void checkResolved(WebAddress address, List<InetAddress> resolved);
    }

    /**
     * @param maxBody the most body bytes kept, sent and decoded alike
     * @param connectTimeout for each address tried
     * @param readTimeout the longest silence between two reads
     */
    public record Limits(long maxBody, Duration connectTimeout, Duration readTimeout) {}

    private final Gate gate;
    private final Proxies proxies;
    private final Supplier<SSLSocketFactory> tls;
    private final Limits limits;
    private final Instant deadline;
    private final String userAgent;

    public HttpFetch(
            Gate gate,
            Proxies proxies,
            Supplier<SSLSocketFactory> tls,
            Limits limits,
            Instant deadline,
            String userAgent) {
        this.gate = gate;
        this.proxies = proxies;
        this.tls = tls;
        this.limits = limits;
        this.deadline = deadline;
        this.userAgent = userAgent;
    }

    /**
     * Sends {@code method} (GET or HEAD) for {@code address} with {@code headers} besides devskyy's
     * own (Host, User-Agent, Accept-Encoding: gzip, Connection: close) and reads the answer.
     */
    public HttpResponse send(String method, WebAddress address, List<HttpHeaders.Field> headers) throws HttpFailure {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new IllegalArgumentException("only GET and HEAD are sent");
        }
        gate.checkUrl(address);
        List<InetAddress> resolved = resolve(address.host());
        gate.checkResolved(address, resolved);
        byte[] request = request(method, address, headers);
        Optional<Proxies.Proxy> proxy = proxies.forAddress(address);
        IOException last = null;
        for (InetAddress peer : resolved) {
            Socket socket = new Socket();
            Watchdog watchdog = Watchdog.closeAt(socket, deadline);
            // Only the plain socket is ever closed: closing a TLS socket waits for the peer's close_notify.
            try (Socket plain = socket) {
                try {
                    if (proxy.isPresent()) {
                        tunnel(plain, proxy.get(), peer, address);
                    } else {
                        plain.connect(new InetSocketAddress(peer, address.port()), millis(limits.connectTimeout()));
                    }
                } catch (HttpFailure e) {
                    throw e;
                } catch (IOException e) {
                    if (watchdog.fired()) {
                        throw deadlinePassed(address);
                    }
                    last = e; // the next address the name resolved to may answer
                    continue;
                }
                Socket connection = address.isSecure() ? handshake(plain, address) : plain;
                return exchange(connection, address, method, request);
            } catch (IOException e) {
                throw watchdog.fired() ? deadlinePassed(address) : failure(address, e);
            } finally {
                watchdog.stop();
            }
        }
        throw failure(address, last);
    }

    /**
     * Closes a request's socket when its deadline passes. A read's timeout alone cannot stop a server
     * that keeps each read alive (TLS reads a whole record, and every byte of it restarts the wait),
     * nor a handshake; a closed socket ends both, and frees the thread.
     */
    private static final class Watchdog implements Runnable {
        private static final ScheduledThreadPoolExecutor CLOCK = clock();

        private static ScheduledThreadPoolExecutor clock() {
            ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "devskyy-http-deadline");
                thread.setDaemon(true);
                return thread;
            });
            clock.setRemoveOnCancelPolicy(true); // a finished request's task leaves the queue at once
            return clock;
        }

        private final Socket socket;
        private final AtomicBoolean fired = new AtomicBoolean();
        private ScheduledFuture<?> task;

        private Watchdog(Socket socket) {
            this.socket = socket;
        }

        static Watchdog closeAt(Socket socket, Instant deadline) {
            Watchdog watchdog = new Watchdog(socket);
            long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            watchdog.task = CLOCK.schedule(watchdog, delay, TimeUnit.MILLISECONDS);
            return watchdog;
        }

        @Override
        public void run() {
            fired.set(true);
            try {
                socket.close();
            } catch (IOException e) {
                // already closed: the request is over either way
            }
        }

        /** Whether the deadline closed the socket: what failed then is the deadline, whatever was thrown. */
        boolean fired() {
            return fired.get();
        }

        void stop() {
            task.cancel(false);
        }
    }

    /**
     * A tunnel through {@code proxy} to the checked address itself, never to the name: the proxy
     * cannot resolve it to anything the gate did not see (RFC 9110 §9.3.6 CONNECT).
     */
    private void tunnel(Socket socket, Proxies.Proxy proxy, InetAddress peer, WebAddress address) throws IOException {
        int port = address.port();
        try {
            socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), millis(limits.connectTimeout()));
        } catch (IOException e) {
            throw new HttpFailure(
                    HttpFailure.Kind.PROXY,
                    "cannot connect to the proxy " + proxy + " (" + e.getClass().getSimpleName() + ")");
        }
        String target = (peer.getAddress().length == 16 ? "[" + peer.getHostAddress() + "]" : peer.getHostAddress())
                + ":" + port;
        StringBuilder connect = new StringBuilder(128)
                .append("CONNECT ")
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(target)
                .append("\r\n");
        if (proxy.authorization() != null) {
            connect.append("Proxy-Authorization: ")
                    .append(proxy.authorization())
                    .append("\r\n");
        }
        socket.setSoTimeout(millis(limits.readTimeout()));
        socket.getOutputStream().write(connect.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        // the proxy's answer is read whole before the target speaks: nothing of the tunnel is buffered away
        int status = new ResponseReader(new DeadlineStream(socket), 0)
                .read(address, "CONNECT")
                .status();
        if (status / 100 != 2) {
            throw new HttpFailure(
                    HttpFailure.Kind.PROXY,
                    "the proxy " + proxy + " refused the tunnel (" + status
                            + (status == 407 ? ": it wants credentials in the proxy URL)" : ")"));
        }
    }

    private static List<InetAddress> resolve(String host) throws HttpFailure {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new HttpFailure(HttpFailure.Kind.UNKNOWN_HOST, "cannot resolve " + host);
        }
    }

    private byte[] request(String method, WebAddress address, List<HttpHeaders.Field> headers) {
        StringBuilder text = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(address.target())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(address.authority())
                .append("\r\n")
                .append("User-Agent: ")
                .append(userAgent)
                .append("\r\n")
                .append("Accept-Encoding: gzip\r\n")
                .append("Connection: close\r\n");
        for (HttpHeaders.Field field : headers) {
            String line = field.name() + ": " + field.value();
            if (line.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("a request header with a control or non-ASCII character");
            }
            text.append(line).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private SSLSocket handshake(Socket socket, WebAddress address) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(socket, address.host(), address.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millis(limits.readTimeout()));
        ssl.startHandshake();
        return ssl;
    }

    private HttpResponse exchange(Socket socket, WebAddress address, String method, byte[] request) throws IOException {
        socket.setSoTimeout(millis(limits.readTimeout()));
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = new DeadlineStream(socket);
        return new ResponseReader(in, limits.maxBody()).read(address, method);
    }

    /** The socket's input, each read's timeout cut to what is left before the deadline. */
    private final class DeadlineStream extends InputStream {
        private final Socket socket;
        private final InputStream in;

        DeadlineStream(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(millis(limits.readTimeout()));
            return in.read(b, off, len);
        }
    }

    /** {@code limit}, or what is left before the deadline when that is less; at least 1 ms. */
    private int millis(Duration limit) throws HttpFailure {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "the call's deadline passed");
        }
        return (int) Math.max(1, Math.min(Math.min(limit.toMillis(), left), Integer.MAX_VALUE));
    }

    private static HttpFailure deadlinePassed(WebAddress address) {
        return new HttpFailure(
                HttpFailure.Kind.TIMEOUT, address.authority() + " had not answered when the call's deadline passed");
    }

    private static HttpFailure failure(WebAddress address, IOException e) {
        String host = address.authority();
        if (e instanceof HttpFailure f) {
            return f;
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, host + " did not answer in time");
        }
        if (e instanceof SSLException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertificateException) {
                    return new HttpFailure(
                            HttpFailure.Kind.TLS,
                            "TLS with " + host + " failed: its certificate is not trusted or does not name it");
                }
            }
            return new HttpFailure(
                    HttpFailure.Kind.TLS,
                    "TLS with " + host + " failed (no protocol or cipher in common, or the connection closed)");
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new HttpFailure(HttpFailure.Kind.CONNECT, "cannot connect to " + host + " (connection refused)");
        }
        return new HttpFailure(
                HttpFailure.Kind.BROKEN,
                "the connection to " + host + " failed (" + e.getClass().getSimpleName() + ")");
    }
}
