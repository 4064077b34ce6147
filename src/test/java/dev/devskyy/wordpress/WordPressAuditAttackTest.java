package dev.devskyy.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sites that are not what they seem, served for real on loopback: no false alarm, no repeated secret, bounded work. */
@Tag("security")
class WordPressAuditAttackTest {
    @TempDir
    Path state;

    String text;

    JsonNode audit(LoopbackHttp server) {
        ToolRegistry registry = new ToolRegistry();
        WordPressTools.all(
                        java.util.Map.of(),
                        chain -> Json.object().put("grade", "F").put("score", 0))
                .forEach(registry::register);
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD)) {
            ToolCallResult result = runtime.call(ToolCallRequest.builder(
                            "wordpress_audit",
                            Json.object().put("url", server.url("/")),
                            new Caller(
                                    "test",
                                    Grants.of(Set.of(ToolPermission.NETWORK_OUTBOUND), List.of(), List.of("127.0.0.1")),
                                    null))
                    .build());
            assertThat(result.isError()).as(result.text()).isFalse();
            text = result.text();
            return result.structuredContent();
        }
    }

    static String answer(String type, String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void aSiteThatIsNotWordPressHasNoFindings() throws Exception {
        try (LoopbackHttp server =
                LoopbackHttp.answering(head -> answer("text/html", "<html><body>a shop</body></html>"))) {
            JsonNode report = audit(server);
            assertThat(report.get("wordpress").asBoolean()).isFalse();
            assertThat(report.get("findings")).isEmpty();
        }
    }

    @Test
    void aWordPressThatAnswersEveryPathWithItsHomePageRaisesNoFalseAlarm() throws Exception {
        String home =
                "<html><head><link rel=stylesheet href=/wp-content/themes/t/style.css></head><body>shop</body></html>";
        try (LoopbackHttp server = LoopbackHttp.answering(head -> answer("text/html; charset=UTF-8", home))) {
            JsonNode report = audit(server);
            assertThat(report.get("wordpress").asBoolean()).isTrue();
            assertThat(report.get("findings")).isEmpty();
        }
    }

    @Test
    void aBackupsPasswordAndALogsLinesAreNeverRepeated() throws Exception {
        try (LoopbackHttp server = LoopbackHttp.answering(head -> {
            String path = head.substring(4, head.indexOf(' ', 4));
            return switch (path) {
                case "/" -> answer("text/html", "<meta name=\"generator\" content=\"WordPress 6.6.1\" />");
                case "/wp-config.php.bak" -> answer("text/plain", "define('DB_PASSWORD', 'pa55-leaked-7');");
                case "/wp-content/debug.log" -> answer("text/plain", "PHP Notice: api_key=sk_live_leaked in x.php");
                default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
            };
        })) {
            JsonNode report = audit(server);
            assertThat(report.get("findings").findValuesAsText("check"))
                    .containsExactlyInAnyOrder("version-disclosed", "config-backup-readable", "debug-log-readable");
            assertThat(report.toString() + text).doesNotContain("pa55-leaked-7").doesNotContain("sk_live_leaked");
        }
    }

    @Test
    void aHomePageBuiltToMakeTheReadersBacktrackIsReadInTime() throws Exception {
        String page = "<meta name=\"generator\" content=\"WordPress " + "9.".repeat(400_000) + "/wp-content/plugins/a/"
                + "x".repeat(500_000);
        try (LoopbackHttp server = LoopbackHttp.answering(head -> head.startsWith("GET / ")
                ? answer("text/html", page)
                : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
            long start = System.nanoTime();
            JsonNode report = audit(server);
            assertThat(report.get("wordpress").asBoolean()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }
}
