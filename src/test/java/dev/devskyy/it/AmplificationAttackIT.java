package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller that sends large arguments, or asks for a result far larger than its request, against
 * the real server with a small heap: the server survives, answers everything, and keeps answering
 * {@code ping} meanwhile.
 */
@Tag("security")
class AmplificationAttackIT {
    /** Small enough that the requests below, all held at once, would not fit. */
    static final Map<String, String> SMALL_HEAP = Map.of("DEVSKYY_JAVA_OPTS", "-Xmx128m");

    @TempDir
    Path home;

    @TempDir
    Path work;

    static String call(String id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** Large arguments: one long string, or a long array of tiny values (a tree far larger than its text). */
    static String largeArguments(int i) {
        if (i % 2 == 0) {
            return "{\"token\":\"" + "a".repeat(3_500_000) + "\",\"profile\":\"devskyy\"}";
        }
        StringBuilder paths = new StringBuilder("{\"paths\":[");
        for (int n = 0; n < 100_000 * i; n++) {
            paths.append(n == 0 ? "" : ",").append("\"a\"");
        }
        return paths.append("]}").toString();
    }

    @Test
    void manyLargeRequestsAtOnce_everyOneIsAnswered_pingStaysPrompt_andTheServerSurvives() throws Exception {
        try (ServerConversation server = new ServerConversation(
                home, SMALL_HEAP, "serve", "--allow", "filesystem:read", "--root", work.toString())) {
            int requests = 20;
            Map<String, Long> pingsSent = new HashMap<>();
            for (int i = 0; i < requests; i++) {
                String tool = i % 2 == 0 ? "jwt_verify" : "security_scan";
                server.send(call("big" + i, tool, largeArguments(i % 8)));
                server.send("{\"jsonrpc\":\"2.0\",\"id\":\"ping" + i + "\",\"method\":\"ping\"}");
                pingsSent.put("ping" + i, System.nanoTime());
            }
            List<Long> pingDelays = new ArrayList<>();
            for (var ping : pingsSent.entrySet()) {
                long answered = server.awaitAnswer(ping.getKey(), 30_000);
                pingDelays.add(TimeUnit.NANOSECONDS.toMillis(answered - ping.getValue()));
            }
            for (int i = 0; i < requests; i++) {
                server.awaitAnswer("big" + i, 60_000);
            }
            assertThat(server.process().isAlive()).isTrue();
            assertThat(server.endInputAndAwaitExit(30)).as(server.stderr()).isZero();
            Map<String, JsonNode> answers = server.responsesById();
            for (int i = 0; i < requests; i++) {
                JsonNode answer = answers.get("big" + i);
                assertThat(answer.has("result") || answer.has("error"))
                        .as("big%d answered: %s", i, answer)
                        .isTrue();
            }
            // Generous for a loaded 2-core machine; what it rules out is waiting for the big calls.
            assertThat(pingDelays).allSatisfy(millis -> assertThat(millis).isLessThan(5_000));
            assertThat(server.stderr()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void aLineOverTheBoundIsAnsweredWithItsId_orAsUnparsable_andTheSessionGoesOn() throws Exception {
        try (ServerConversation server = new ServerConversation(home, SMALL_HEAP, "serve")) {
            String huge = "\"" + "x".repeat(5 << 20) + "\"";
            // The id comes after the bulk, so it is only ever seen streaming past.
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"csp_evaluate\","
                    + "\"arguments\":{\"policy\":" + huge + "}},\"id\":\"late\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"csp_evaluate\","
                    + "\"arguments\":{\"policy\":" + huge + "}}}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
            server.awaitAnswer("after", 30_000);
            assertThat(server.endInputAndAwaitExit(30)).isZero();
            JsonNode late = server.responsesById().get("late");
            assertThat(late.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(late.at("/error/message").asText())
                    .contains("exceeds the limit of 4194304 bytes")
                    .contains("--max-message-bytes");
            assertThat(server.received)
                    .anySatisfy(m -> assertThat(m.at("/error/code").asInt()).isEqualTo(-32700));
        }
    }

    @Test
    void aResultFarLargerThanItsRequestIsRefusedWithE4001() throws Exception {
        try (ServerConversation server =
                new ServerConversation(home, Map.of(), "serve", "--max-result-bytes", "256K")) {
            // Each "a" is a policy of its own with several findings: ~45 bytes out per byte in, so
            // a policy within csp_evaluate's own 64 KiB bound still yields a result far over 256 KiB.
            String policy = "a,".repeat(30_000);
            server.send(call("csp", "csp_evaluate", "{\"policy\":\"" + policy + "\"}"));
            server.awaitAnswer("csp", 60_000);
            assertThat(server.endInputAndAwaitExit(30)).isZero();
            JsonNode result = server.responsesById().get("csp").get("result");
            assertThat(result.get("isError").asBoolean()).isTrue();
            assertThat(result.at("/structuredContent/code").asText()).isEqualTo("E4001");
            assertThat(result.at("/content/0/text").asText())
                    .contains("exceeded the limit of 262144 bytes")
                    .contains("narrow the request");
            assertThat(result.toString().length())
                    .as("the refusal, not the result")
                    .isLessThan(4096);
        }
    }
}
