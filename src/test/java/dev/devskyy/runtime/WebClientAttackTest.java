package dev.devskyy.runtime;

import static dev.devskyy.testing.TestTools.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.net.HttpHeaders;
import dev.devskyy.net.HttpResponse;
import dev.devskyy.net.WebAddress;
import dev.devskyy.testing.LoopbackHttp;
import dev.devskyy.testing.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network half of deny-by-default, against real servers on loopback: every request and every
 * redirect passes the caller's grants before a connection is made, a name that resolves to this
 * machine is not this machine's address, and what a server sends is bounded by the call.
 */
@Tag("security")
class WebClientAttackTest {
    static final Set<ToolPermission> NET = Set.of(ToolPermission.NETWORK_OUTBOUND);

    @TempDir
    Path state;

    ToolRuntime runtime;
    LoopbackHttp server;

    /** {@code {"url", "plain_http"?, "max_body"?}} → the chain's statuses and the last body. */
    static ToolSpec fetchTool() {
        return TestTools.tool("fetch", (a, context) -> {
                    WebClient.Request request = new WebClient.Request(
                            "GET",
                            a.path("max_body").asLong(1024),
                            a.path("plain_http").asBoolean(),
                            List.of());
                    List<HttpResponse> chain =
                            context.web().follow(WebClient.address(a.get("url").asText()), request);
                    HttpResponse last = chain.get(chain.size() - 1);
                    String echo =
                            chain.stream().map(r -> String.valueOf(r.status())).toList() + " "
                                    + new String(last.body(), StandardCharsets.UTF_8)
                                    + (last.truncated() ? " (cut)" : "");
                    ObjectNode out = Json.object();
                    out.put("echo", echo);
                    return new ToolOutput(echo, out);
                })
                .inputSchema(TestTools.schema("""
                        {"type":"object","required":["url"],"properties":{"url":{"type":"string"},
                         "plain_http":{"type":"boolean"},"max_body":{"type":"integer"}}}
                        """))
                .permissions(ToolPermission.NETWORK_OUTBOUND)
                .timeout(Duration.ofSeconds(3))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), 2.0))
                .build();
    }

    @BeforeEach
    void start() {
        ToolRegistry registry = new ToolRegistry();
        registry.register(fetchTool());
        runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD);
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        if (server != null) {
            server.close();
        }
    }

    ToolCallResult fetch(String json, Set<ToolPermission> permissions, String... hosts) {
        return runtime.call(ToolCallRequest.builder(
                        "fetch",
                        args(json),
                        new Caller("test", Grants.of(permissions, List.of(), List.of(hosts)), null))
                .build());
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static String redirect(String location) {
        return "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
    }

    static ErrorCode code(ToolCallResult result) {
        assertThat(result.isError()).as(result.text()).isTrue();
        return result.error().code();
    }

    @Test
    void aNamedLoopbackAddressIsReachedOverPlainHttp() throws Exception {
        server = LoopbackHttp.answering(head -> ok("hello"));
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/x") + "\"}", NET, "127.0.0.1");
        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.text()).isEqualTo("[200] hello");
        assertThat(server.requests().get(0))
                .startsWith("GET /x HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.port() + "\r\n")
                .contains("User-Agent: devskyy/");
    }

    @Test
    void withoutNetworkOutbound_nothingIsSent() throws Exception {
        server = LoopbackHttp.answering(head -> ok("hello"));
        ToolCallResult result = runtime.call(ToolCallRequest.builder(
                        "fetch",
                        args("{\"url\":\"" + server.url("/") + "\"}"),
                        new Caller("test", Grants.of(Set.of(), List.of(), List.of("127.0.0.1")), null))
                .build());
        assertThat(code(result)).isEqualTo(ErrorCode.E4003);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aHostNotOnTheListIsRefusedBeforeAnyConnection() throws Exception {
        server = LoopbackHttp.answering(head -> ok("hello"));
        assertThat(code(fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "example.com")))
                .isEqualTo(ErrorCode.E4003);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNameThatResolvesToThisMachine_isRefusedUnlessTheAddressItselfIsGranted() throws Exception {
        server = LoopbackHttp.answering(head -> ok("hello"));
        String url = "{\"url\":\"http://localhost:" + server.port() + "/\",\"plain_http\":true}";
        ToolCallResult refused = fetch(url, NET, "localhost");
        assertThat(code(refused)).isEqualTo(ErrorCode.E4003);
        assertThat(refused.text())
                .contains("localhost resolves to a loopback address")
                .doesNotContain("127.0.0.1");
        assertThat(server.requests()).isEmpty();

        // localhost may resolve to ::1 as well: every such address must be listed
        assertThat(fetch(url, NET, "localhost", "127.0.0.1", "::1").text()).isEqualTo("[200] hello");
    }

    @Test
    void plainHttpToAName_isRefusedWithoutTheOptIn() throws Exception {
        server = LoopbackHttp.answering(head -> ok("hello"));
        ToolCallResult result =
                fetch("{\"url\":\"http://localhost:" + server.port() + "/\"}", NET, "localhost", "127.0.0.1", "::1");
        assertThat(code(result)).isEqualTo(ErrorCode.E4003);
        assertThat(result.text()).contains("plain http to localhost:" + server.port() + " is refused");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void everyRedirectIsCheckedAsTheFirstRequestWas() throws Exception {
        try (LoopbackHttp second = LoopbackHttp.answering(head -> ok("second"))) {
            server = LoopbackHttp.answering(head -> redirect(second.url("/landing")));
            assertThat(fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1")
                            .text())
                    .isEqualTo("[302, 200] second");
            assertThat(second.requests()).hasSize(1);
        }
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefused() throws Exception {
        server = LoopbackHttp.answering(head -> redirect("http://169.254.169.254/latest/meta-data/iam/"));
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/") + "\",\"plain_http\":true}", NET, "127.0.0.1");
        assertThat(code(result)).isEqualTo(ErrorCode.E4003);
        assertThat(result.text()).contains("169.254.169.254");
    }

    @Test
    void aRedirectToAHostNotOnTheListIsRefused() throws Exception {
        server = LoopbackHttp.answering(head -> redirect("https://evil.example/steal"));
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1");
        assertThat(code(result)).isEqualTo(ErrorCode.E4003);
        assertThat(result.text()).contains("evil.example");
    }

    @Test
    void aRedirectToAnotherSchemeIsAnApiError() throws Exception {
        server = LoopbackHttp.answering(head -> redirect("gopher://127.0.0.1:6379/_FLUSHALL"));
        assertThat(code(fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1")))
                .isEqualTo(ErrorCode.E6002);
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() throws Exception {
        server = LoopbackHttp.answering(head -> redirect("/again"));
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1");
        assertThat(code(result)).isEqualTo(ErrorCode.E6002);
        assertThat(server.requests()).hasSize(WebClient.MAX_REDIRECTS + 1);
    }

    @Test
    void tooManyRequestsIsRateLimitedWithTheServersHint() throws Exception {
        server = LoopbackHttp.answering(
                head -> "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n");
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1");
        assertThat(code(result)).isEqualTo(ErrorCode.E6003);
        assertThat(result.failure().orElseThrow().retryAfterHint()).hasValue(Duration.ofSeconds(7));
    }

    ToolCallResult fetchKeyed(String json) {
        return runtime.call(ToolCallRequest.builder(
                        "fetch", args(json), new Caller("test", Grants.of(NET, List.of(), List.of("127.0.0.1")), null))
                .idempotencyKey("k-" + System.nanoTime())
                .build());
    }

    @Test
    void aServerAskingForAPauseLongerThanTheCallEndsItAtOnce() throws Exception {
        server = LoopbackHttp.answering(
                head -> "HTTP/1.1 429 Slow Down\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n");
        long start = System.nanoTime();
        ToolCallResult result = fetchKeyed("{\"url\":\"" + server.url("/") + "\"}");
        assertThat(code(result)).isEqualTo(ErrorCode.E6003);
        assertThat(result.error().details().get("retry_after_seconds").asLong()).isEqualTo(3600);
        assertThat(server.requests()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aShortPauseIsWaitedForAndTheCallRetried() throws Exception {
        server =
                LoopbackHttp.answering(head -> "HTTP/1.1 429 Slow Down\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n");
        ToolCallResult result = fetchKeyed("{\"url\":\"" + server.url("/") + "\"}");
        assertThat(code(result)).isEqualTo(ErrorCode.E5002);
        assertThat(server.requests()).hasSizeGreaterThan(1);
    }

    @Test
    void aRetryAfterDateOrAnAbsurdDelayIsReadWithinItsCap() {
        HttpResponse far = response("Retry-After: 999999999");
        assertThat(WebClient.retryAfter(far)).hasValue(WebClient.MAX_RETRY_AFTER);
        HttpResponse past = response("Retry-After: Wed, 21 Oct 2015 07:28:00 GMT");
        assertThat(WebClient.retryAfter(past)).hasValue(Duration.ZERO);
        assertThat(WebClient.retryAfter(response("Retry-After: soon"))).isEmpty();
    }

    static HttpResponse response(String field) {
        int colon = field.indexOf(':');
        HttpHeaders headers = new HttpHeaders(List.of(new HttpHeaders.Field(
                field.substring(0, colon), field.substring(colon + 1).strip())));
        return new HttpResponse(WebAddress.parse("https://a.example/"), 429, headers, new byte[0], false);
    }

    @Test
    void nothingListening_isARetryableNetworkError() throws Exception {
        server = LoopbackHttp.answering(head -> ok(""));
        String url = server.url("/");
        server.close();
        ToolCallResult result = fetch("{\"url\":\"" + url + "\"}", NET, "127.0.0.1");
        assertThat(code(result)).isEqualTo(ErrorCode.E6001);
        assertThat(result.failure().orElseThrow().isRetryable()).isTrue();
    }

    @Test
    void aServerThatNeverAnswers_orDripsBytes_isStoppedByTheCallsDeadline() throws Exception {
        server = LoopbackHttp.scripted((head, out) -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1000; i++) {
                out.write('X');
                out.flush();
                Thread.sleep(200); // a byte at a time, each within the read timeout
            }
        });
        long start = System.nanoTime();
        ToolCallResult result = fetch("{\"url\":\"" + server.url("/") + "\"}", NET, "127.0.0.1");
        assertThat(code(result)).isIn(ErrorCode.E6001, ErrorCode.E5001, ErrorCode.E6002);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBodyOverTheCallersBoundIsCut() throws Exception {
        server = LoopbackHttp.answering(head -> ok("x".repeat(100_000)));
        assertThat(fetch("{\"url\":\"" + server.url("/") + "\",\"max_body\":10}", NET, "127.0.0.1")
                        .text())
                .isEqualTo("[200] xxxxxxxxxx (cut)");
    }
}
