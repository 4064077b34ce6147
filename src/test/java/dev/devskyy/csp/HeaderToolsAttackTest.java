package dev.devskyy.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.testing.LoopbackHttp;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile page, served for real on loopback, graded through the tool. */
@Tag("security")
class HeaderToolsAttackTest {
    @TempDir
    Path state;

    ToolCallResult check(LoopbackHttp server) {
        ToolRegistry registry = new ToolRegistry();
        HeaderTools.all().forEach(registry::register);
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD)) {
            return runtime.call(ToolCallRequest.builder(
                            "http_headers_check",
                            Json.object().put("url", server.url("/")),
                            new Caller(
                                    "test",
                                    Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), List.of("127.0.0.1")),
                                    null))
                    .build());
        }
    }

    static String page(String headers, String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + headers + "Content-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void terminalSequencesInWhatThePageSaysAreNeverPrintedRaw() throws Exception {
        // (in a header field they never arrive: the reader refuses control characters there)
        String escape = "\u001b]0;owned\u0007\u001b[31m";
        try (LoopbackHttp server = LoopbackHttp.answering(head -> page(
                "",
                "<html><head><meta http-equiv=Content-Security-Policy content=\"script-src " + escape
                        + "\"></head></html>"))) {
            ToolCallResult result = check(server);
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(result.text())
                    .contains("CSP (meta)")
                    .doesNotContain("\u001b")
                    .doesNotContain("\u0007");
        }
    }

    @Test
    void aPageOfTwoMegabytesOfPoliciesMakesAReportOfAFewKilobytes() throws Exception {
        String meta = "<meta http-equiv=Content-Security-Policy content=\"x0 a;x1 a;x2 a;x3 a;x4 a;x5 a\">";
        String body = "<html><head>" + meta.repeat(2 * 1024 * 1024 / meta.length()) + "</head></html>";
        try (LoopbackHttp server = LoopbackHttp.answering(head -> page("", body))) {
            ToolCallResult result = check(server);
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(result.text().length()).isLessThan(64 * 1024);
            assertThat(result.structuredContent().toString().length()).isLessThan(64 * 1024);
            assertThat(result.text()).contains("more policies are not shown");
        }
    }
}
