package dev.devskyy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A face that serves the runtime's tools over a byte stream: the MCP server. The CLI's
 * {@code serve} command starts it through this interface, so the two faces never import each
 * other; {@code Main} wires the implementation in.
 */
public interface ToolServer {
    /**
     * What the command line asked for. It may still be being parsed when serving starts: the
     * handshake needs none of it, and a host should not wait for the CLI to read its options.
     *
     * @param tools the registry, on its own: {@code tools/list} needs it, not the runtime's audit
     *     log and state (serve builds it on the options thread, once they are parsed: see {@code Cli})
     * @param runtime built on first need, so the handshake does not wait for tool schemas; over
     *     the same registry as {@code tools}
     * @param pageSize tools per {@code tools/list} page
     * @param maxMessageBytes longer input lines are rejected and skipped
     * @param maxInFlightBytes the budget of requests accepted and not yet answered; one that would
     *     go over it is refused
     * @param shutdownGrace how long accepted calls may still run at end of input or on SIGTERM
     *     before they are cancelled
     */
    record Options(
            Supplier<ToolRegistry> tools,
            Supplier<ToolRuntime> runtime,
            Caller caller,
            int pageSize,
            long maxMessageBytes,
            long maxInFlightBytes,
            Duration shutdownGrace) {}

    /** @param options fails when the command line was invalid; requests needing it then get an error */
    record Settings(InputStream in, OutputStream out, CompletableFuture<Options> options) {}

    /**
     * Serves until the input ends or the process is told to stop.
     *
     * @return the exit code: 0, or 2 when the options turned out to be invalid
     */
    int serve(Settings settings) throws IOException;

    /**
     * Serving over HTTP (MCP Streamable HTTP), to many clients at once.
     *
     * @param address where to listen; port 0 picks a free one (the address served is printed on stderr)
     * @param publicUrl the endpoint's canonical URL as clients reach it (through a load balancer, its
     *     URL): the resource tokens must be meant for, and the only host and origin requests may name
     * @param publicUrl null: the bound address's {@code http://HOST:PORT/mcp}
     * @param issuers the authorization servers whose tokens are accepted (none: every request is refused)
     * @param tls the identity to serve HTTPS with, or null for plain HTTP (behind a TLS-terminating proxy)
     */
    record HttpSettings(
            InetSocketAddress address, URI publicUrl, List<String> issuers, SSLContext tls, Options options) {}

    /**
     * Serves over HTTP until told to stop (SIGTERM or SIGINT), then answers what it accepted.
     *
     * @return the exit code: 0
     */
    int serveHttp(HttpSettings settings) throws IOException;
}
