package dev.devskyy.cli;

import dev.devskyy.io.BoundedRead;
import dev.devskyy.io.IoFailure;
import dev.devskyy.net.ServerTls;
import dev.devskyy.runtime.AccessTokens;
import dev.devskyy.runtime.Policy;
import dev.devskyy.runtime.RateLimit;
import dev.devskyy.runtime.ToolServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devskyy serve}: the MCP server on stdin/stdout, for Claude and other MCP hosts. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the MCP server on stdin/stdout (JSON-RPC 2.0, one message per line).")
final class ServeCommand implements Callable<Integer> {
    /** A chain of a few certificates, or one key, is a few KiB. */
    private static final long MAX_PEM_BYTES = 64 << 10;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "100",
            description = "Tools per tools/list page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(
            names = "--max-message-bytes",
            paramLabel = "BYTES",
            defaultValue = "4M",
            converter = SizeConverter.class,
            description = "Longer input lines are rejected and skipped (default: ${DEFAULT-VALUE}, 4 MiB).")
    long maxMessageBytes;

    @Option(
            names = "--max-in-flight-bytes",
            paramLabel = "BYTES",
            defaultValue = "64M",
            converter = SizeConverter.class,
            description = "Budget for the parsed requests in progress; a request that would go over it is "
                    + "refused (default: ${DEFAULT-VALUE}, 64 MiB).")
    long maxInFlightBytes;

    @Option(
            names = "--max-result-bytes",
            paramLabel = "BYTES",
            defaultValue = "8M",
            converter = SizeConverter.class,
            description = "A larger tool result (text plus structured content) is E4001 (default: "
                    + "${DEFAULT-VALUE}, 8 MiB).")
    long maxResultBytes;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "At end of input or on SIGTERM, calls in progress get this long to finish before "
                    + "they are cancelled; SIGINT cancels at once (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(
            names = "--http",
            paramLabel = "HOST:PORT",
            description = "Serve MCP Streamable HTTP at http://HOST:PORT/mcp instead of stdio (port 0: a free "
                    + "one, printed on stderr). Every request needs a bearer token from an --oauth-issuer.")
    String http;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The endpoint's URL as clients reach it (behind a load balancer, its URL): tokens "
                    + "must be meant for it, requests must name its host (default: http://HOST:PORT/mcp).")
    URI publicUrl;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "With --http and --tls-key: serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The certificate's private key: an unencrypted PKCS#8 PEM file (keep it 0600).")
    Path tlsKey;

    @Option(
            names = "--oauth-issuer",
            paramLabel = "URL",
            description = "With --http: an authorization server whose access tokens are accepted (its RFC 8414 "
                    + "or OpenID Connect metadata names its keys); repeatable, and added to the policy file's oauth_issuers. "
                    + "None: every request is refused.")
    List<URI> issuers = new ArrayList<>();

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            description = "At most N tool calls a minute per actor (E6003 with Retry-After past it); with a "
                    + "database --state, counted by every instance together (default: no limit).")
    Integer rateLimit;

    @Mixin
    PolicyOptions policy;

    @Mixin
    RuntimeOptions runtimeOptions;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (http != null) {
            ToolServer.Options options = options();
            return context.server()
                    .serveHttp(new ToolServer.HttpSettings(
                            address(),
                            checkedPublicUrl(),
                            issuers(options.caller().policy()),
                            tls(),
                            options));
        }
        return serve(context, CompletableFuture.completedFuture(options()));
    }

    /** {@code --http}: a host (a name, an IPv4 address or an IPv6 one in brackets) and a port. */
    private InetSocketAddress address() {
        try {
            URI parsed = new URI("http://" + http);
            if (parsed.getHost() == null
                    || parsed.getPort() < 0
                    || parsed.getRawPath().length() > 0
                    || parsed.getRawUserInfo() != null) {
                throw new URISyntaxException(http, "not HOST:PORT");
            }
            String host = parsed.getHost();
            return new InetSocketAddress(
                    host.startsWith("[") ? host.substring(1, host.length() - 1) : host, parsed.getPort());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--http must be HOST:PORT (e.g. 127.0.0.1:8080): " + http);
        }
    }

    /** The TLS identity, or null without {@code --tls-cert}; the key's bytes are never shown. */
    private SSLContext tls() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tlsCert == null) {
            return null;
        }
        try {
            byte[] chain = BoundedRead.bytes(tlsCert, MAX_PEM_BYTES);
            String key = BoundedRead.strictUtf8(BoundedRead.bytes(tlsKey, MAX_PEM_BYTES));
            return ServerTls.context(chain, key);
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(), "--tls-cert/--tls-key cannot be read: " + IoFailure.reasonOf(e));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    private URI checkedPublicUrl() {
        if (publicUrl != null && !AccessTokens.isPlainWebUrl(publicUrl.toString())) {
            throw new ParameterException(
                    spec.commandLine(), "--public-url must be an http(s) URL without user, query or fragment");
        }
        return publicUrl;
    }

    /** The trusted authorization servers: --oauth-issuer's, then the policy file's. */
    private List<String> issuers(Policy policy) {
        Set<String> all = new LinkedHashSet<>();
        for (URI issuer : issuers) {
            if (!AccessTokens.isIssuerUrl(issuer.toString())) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--oauth-issuer must be an https URL (or plain http to an IP address) without user, query or fragment");
            }
            all.add(issuer.toString());
        }
        if (policy != null) {
            all.addAll(policy.oauthIssuers());
        }
        return List.copyOf(all);
    }

    /**
     * The options as the server needs them, once parsed.
     *
     * @throws ParameterException or {@link dev.devskyy.runtime.ToolError} for invalid ones
     */
    ToolServer.Options options() {
        if (pageSize < 1
                || maxMessageBytes < 1
                || maxInFlightBytes < 1
                || maxResultBytes < 1
                || (rateLimit != null && rateLimit < 1)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page-size, --max-message-bytes, --max-in-flight-bytes, --max-result-bytes and --rate-limit "
                            + "must be positive");
        }
        return new ToolServer.Options(
                context.tools(),
                () -> runtimeOptions
                        .newRuntime(context)
                        .limitResults(maxResultBytes)
                        .limitRate(rateLimit == null ? RateLimit.NONE : runtimeOptions.rateLimit(context, rateLimit)),
                policy.resolve(context),
                pageSize,
                maxMessageBytes,
                maxInFlightBytes,
                shutdownGrace);
    }

    /** Serves with stdout reserved for the protocol: anything else that prints goes to stderr. */
    static int serve(CliContext context, CompletableFuture<ToolServer.Options> options) throws IOException {
        PrintStream systemOut = System.out;
        System.setOut(context.err());
        try {
            return context.server().serve(new ToolServer.Settings(context.in(), context.out(), options));
        } finally {
            System.setOut(systemOut);
        }
    }
}
