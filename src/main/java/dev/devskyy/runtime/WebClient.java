package dev.devskyy.runtime;

import dev.devskyy.net.HttpFailure;
import dev.devskyy.net.HttpFetch;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.SpecialAddresses;
import dev.devskyy.net.WebAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one way a tool reaches the network ({@link ToolCallContext#web}). Every request, and every
 * redirect as a request of its own, passes the caller's grants where it is made:
 * <ul>
 *   <li>{@code network:outbound} and the host on the granted list (E4003);
 *   <li>every address the name resolves to is a public one, or is itself named on the list (a
 *       loopback, private, link-local or metadata address reached through a name is refused, E4003),
 *       and the connection goes to an address so checked ({@link HttpFetch});
 *   <li>plain http only to an IP address named on the list, or when the tool asks for it on the
 *       caller's explicit opt-in (E4003 otherwise).
 * </ul>
 * Failures are the taxonomy's: the network E6001, an answer that breaks HTTP E6002, a 429 (or a
 * 503 with Retry-After) E6003 carrying the server's hint, which the runtime's retries honour.
 */
public final class WebClient {
    /** Redirects followed before E6002: browsers stop at 20, no page worth checking needs 5. */
    public static final int MAX_REDIRECTS = 5;
    /** The longest pause a Retry-After may ask for; the call's deadline cuts it further. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    /**
     * One request's settings.
     *
     * @param maxBody the most body bytes kept (a longer body is cut: {@link HttpResponse#truncated})
     * @param plainHttp the caller opted in to plain http for this request
     */
    public record Request(String method, long maxBody, boolean plainHttp, List<HttpHeaders.Field> headers) {}

    private final Grants grants;
    private final Instant deadline;
    private final BooleanSupplier cancelled;

    WebClient(ToolCallContext context) {
        this(context.grants(), context.deadline(), context::isCancelled);
    }

    private WebClient(Grants grants, Instant deadline, BooleanSupplier cancelled) {
        this.grants = grants;
        this.deadline = deadline;
        this.cancelled = cancelled;
    }

    /**
     * A client for the server's own requests, made for no call (an authorization server's keys),
     * under the grants its operator gave.
     */
    public static WebClient serverSide(Grants grants, Instant deadline) {
        return new WebClient(grants, deadline, () -> false);
    }

    /**
     * {@code url} as a URL devskyy fetches.
     *
     * @throws ToolError E4001 naming what is wrong with it
     */
    public static WebAddress address(String url) {
        try {
            return WebAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw ToolError.of(ErrorCode.E4001, e.getMessage());
        }
    }

    /**
     * Checks that this caller may reach {@code address} (the grants, and plain http), without a
     * request: for what a tool keeps from earlier calls (a key set), which a caller who may not
     * fetch it may not use either.
     */
    public void requireReachable(WebAddress address) {
        requireReachable(address, false);
    }

    /** As {@link #requireReachable(WebAddress)}, for a request that would carry the caller's plain-http opt-in. */
    public void requireReachable(WebAddress address, boolean plainHttp) {
        new Gate(plainHttp).checkUrl(address);
    }

    /** One request, no redirect followed. */
    public HttpResponse send(WebAddress address, Request request) {
        if (cancelled.getAsBoolean()) {
            throw ToolError.of(ErrorCode.E4006, "cancelled");
        }
        HttpFetch fetch = new HttpFetch(
                new Gate(request.plainHttp()),
                NetworkEnvironment.proxies(),
                NetworkEnvironment::socketFactory, // made on the first https request: plain http never loads TLS
                new HttpFetch.Limits(request.maxBody(), CONNECT_TIMEOUT, READ_TIMEOUT),
                deadline,
                "devskyy/" + BuildInfo.version());
        HttpResponse response;
        try {
            response = fetch.send(request.method(), address, request.headers());
        } catch (HttpFailure e) {
            ErrorCode code = e.kind() == HttpFailure.Kind.PROTOCOL ? ErrorCode.E6002 : ErrorCode.E6001;
            throw ToolError.of(code, e.getMessage())
                    .withDetail("url", address.withoutQuery())
                    .withDetail("failure", e.kind().name().toLowerCase(Locale.ROOT))
                    .retryable(e.kind().isTransient());
        }
        Optional<Duration> retryAfter = retryAfter(response);
        if (response.status() == 429 || (response.status() == 503 && retryAfter.isPresent())) {
            ToolError limited = ToolError.of(
                            ErrorCode.E6003, address.authority() + " answered " + response.status() + ": slow down")
                    .withDetail("url", address.withoutQuery());
            throw retryAfter
                    .map(hint -> limited.retryAfter(hint).withDetail("retry_after_seconds", hint.toSeconds()))
                    .orElse(limited);
        }
        return response;
    }

    /**
     * {@code address} and the redirects it leads to, each one a request checked as the first
     * was (at most {@link #MAX_REDIRECTS}); the answers in order, the final one last.
     */
    public List<HttpResponse> follow(WebAddress address, Request request) {
        List<HttpResponse> chain = new ArrayList<>();
        WebAddress next = address;
        while (true) {
            HttpResponse response = send(next, request);
            chain.add(response);
            if (!response.isRedirect()) {
                return chain;
            }
            if (chain.size() > MAX_REDIRECTS) {
                throw ToolError.of(ErrorCode.E6002, "more than " + MAX_REDIRECTS + " redirects from " + address)
                        .withDetail("url", address.withoutQuery());
            }
            try {
                next = next.resolve(response.headers().first("location").orElseThrow());
            } catch (IllegalArgumentException e) {
                throw ToolError.of(
                                ErrorCode.E6002,
                                next.authority() + " redirected to a URL devskyy does not fetch: " + e.getMessage())
                        .withDetail("url", next.withoutQuery());
            }
        }
    }

    /** The caller's grants, asked before a name is looked up and again with what it resolved to. */
    private final class Gate implements HttpFetch.Gate {
        private final boolean plainHttpOptIn;

        Gate(boolean plainHttpOptIn) {
            this.plainHttpOptIn = plainHttpOptIn;
        }

        @Override
        public void checkUrl(WebAddress address) {
            grants.requireHost(address.host());
            boolean namedLiteral = SpecialAddresses.literal(address.host())
                    .filter(grants::namesAddress)
                    .isPresent();
            if (!address.isSecure() && !plainHttpOptIn && !namedLiteral) {
                throw ToolError.of(
                                ErrorCode.E4003,
                                "plain http to " + address.authority()
                                        + " is refused: use https, name the IP address in the granted hosts, or opt in to plain http")
                        .withDetail("host", address.host());
            }
        }

        @Override
        public void checkResolved(WebAddress address, List<InetAddress> resolved) {
            // The address itself is not told: a caller granted *.corp.example must not map a network by DNS.
            for (InetAddress ip : resolved) {
                Optional<String> special = SpecialAddresses.reason(ip);
                if (special.isPresent() && !grants.namesAddress(ip)) {
                    throw ToolError.of(
                                    ErrorCode.E4003,
                                    address.host() + " resolves to " + special.get()
                                            + "; only an address named itself in the granted hosts may be reached")
                            .withDetail("host", address.host());
                }
            }
        }
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date, cut to {@link #MAX_RETRY_AFTER}. */
    static Optional<Duration> retryAfter(HttpResponse response) {
        Optional<String> value = response.headers().first("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        Duration wait;
        if (!v.isEmpty() && v.length() <= 10 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            wait = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }
}
