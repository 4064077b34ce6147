package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server writes the audit lines of calls that finish together as one batch, and the answers
 * queued together in one write: a burst of calls killed or stopped half-way still has an audit line,
 * whole, for every call that was answered; two servers appending to one audit file at once
 * interleave whole lines only; and a burst past the in-flight budget still gets an answer for every
 * request.
 */
@Tag("security")
class AuditBurstAttackIT {
    static final int BURST = 3000;

    @TempDir
    Path home;

    @TempDir
    Path work;

    Path audit() {
        return home.resolve("audit.log");
    }

    ServerConversation start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "serve", "--allow", "filesystem:read", "--root", work.toString(), "--audit-log", audit().toString()));
        args.addAll(List.of(extra));
        return new ServerConversation(home, Map.of(), args.toArray(String[]::new));
    }

    /**
     * A file_hash call whose W3C trace parent names it, so its audit line (whose correlation id is
     * the trace parent) can be told apart from every other call's.
     */
    static String tracedCall(int server, int id, Path file) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"file_hash\","
                + "\"arguments\":{\"path\":\"" + file + "\"},\"_meta\":{\"traceparent\":\"" + traceparent(server, id)
                + "\"}}}";
    }

    static String traceparent(int server, int id) {
        return String.format("00-%016x%016x-%016x-01", server + 1, id + 1L, id + 1L);
    }

    /** Every call of the burst, sent in one write: they arrive as fast as the pipe carries them. */
    static void sendBurst(ServerConversation server, int serverNumber, Path file) throws IOException {
        StringBuilder burst = new StringBuilder();
        for (int id = 1; id <= BURST; id++) {
            burst.append(tracedCall(serverNumber, id, file)).append('\n');
        }
        byte[] bytes = burst.toString().getBytes(StandardCharsets.UTF_8);
        server.send(java.util.Arrays.copyOf(bytes, bytes.length - 1));
    }

    /** The ids (1..BURST) of the tool calls answered so far. */
    static Set<Integer> answeredCalls(ServerConversation server) {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode message : server.received) {
            if (message.path("id").isInt()) {
                ids.add(message.get("id").asInt());
            }
        }
        return ids;
    }

    static void awaitAnswers(ServerConversation server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (answeredCalls(server).size() < count) {
            assertThat(System.nanoTime()).as("%d answers in time", count).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /** The audit file's lines, each parsed: a torn or interleaved line fails here. */
    List<JsonNode> auditLines() throws IOException {
        byte[] bytes = Files.readAllBytes(audit());
        assertThat(bytes.length == 0 || bytes[bytes.length - 1] == '\n')
                .as("the file ends with a whole line")
                .isTrue();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) {
                JsonNode entry = Json.parse(line);
                assertThat(entry.get("tool").asText()).as(line).isEqualTo("file_hash");
                lines.add(entry);
            }
        }
        return lines;
    }

    static Set<String> correlationIds(List<JsonNode> lines) {
        Set<String> ids = new HashSet<>();
        for (JsonNode line : lines) {
            assertThat(ids.add(line.get("correlationId").asText()))
                    .as("one line per call: %s", line)
                    .isTrue();
        }
        return ids;
    }

    void assertEveryAnsweredCallAudited(Set<Integer> answered, Set<String> audited) {
        for (int id : answered) {
            assertThat(audited).as("audit line of answered call %d", id).contains(traceparent(0, id));
        }
    }

    Path smallFile() throws IOException {
        return Files.writeString(work.resolve("small.txt"), "a small file to hash\n");
    }

    @Test
    void killedMidBurst_everyAnsweredCallHasAWholeAuditLine() throws Exception {
        Path file = smallFile();
        try (ServerConversation server = start()) {
            sendBurst(server, 0, file);
            awaitAnswers(server, 300);
            server.process().destroyForcibly(); // SIGKILL: nothing runs after it
            server.process().waitFor();
            Thread.sleep(200); // the answers already in the pipe
            Set<Integer> answered = answeredCalls(server);
            assertThat(answered.size()).as("killed before the burst ended").isLessThan(BURST);
            Set<String> audited = correlationIds(auditLines());
            assertEveryAnsweredCallAudited(answered, audited);
        }
    }

    @Test
    void sigtermMidBurst_everyAnsweredCallHasAWholeAuditLine_andEveryAuditedCallIsAnswered() throws Exception {
        Path file = smallFile();
        try (ServerConversation server = start()) {
            sendBurst(server, 0, file);
            awaitAnswers(server, 300);
            server.process().destroy(); // SIGTERM: accepted calls are finished and answered first
            assertThat(server.awaitExit(60)).isZero();
            Set<Integer> answered = answeredCalls(server);
            Set<String> audited = correlationIds(auditLines());
            assertEveryAnsweredCallAudited(answered, audited);
            assertThat(audited).as("an audit line for an answered call only").hasSameSizeAs(answered);
        }
    }

    @Test
    void twoServersAppendingToOneAuditFile_interleaveWholeLinesOnly() throws Exception {
        Path file = smallFile();
        try (ServerConversation first = start();
                ServerConversation second = start()) {
            sendBurst(first, 0, file);
            sendBurst(second, 1, file);
            assertThat(first.endInputAndAwaitExit(120)).isZero();
            assertThat(second.endInputAndAwaitExit(120)).isZero();
            assertThat(answeredCalls(first)).hasSize(BURST);
            assertThat(answeredCalls(second)).hasSize(BURST);
        }
        Set<String> audited = correlationIds(auditLines());
        assertThat(audited).hasSize(2 * BURST);
        for (int id = 1; id <= BURST; id++) {
            assertThat(audited).contains(traceparent(0, id), traceparent(1, id));
        }
    }

    @Test
    void aBurstPastTheInFlightBudget_getsAnAnswerForEveryRequest() throws Exception {
        Path file = smallFile();
        // room for a few calls at a time: most of the burst is refused as busy, at once
        try (ServerConversation server = start("--max-in-flight-bytes", "4K")) {
            sendBurst(server, 0, file);
            assertThat(server.endInputAndAwaitExit(120)).isZero();
            Map<String, JsonNode> responses = server.responsesById();
            int busy = 0;
            Set<Integer> succeeded = new HashSet<>();
            for (int id = 1; id <= BURST; id++) {
                JsonNode response = responses.get(Integer.toString(id));
                assertThat(response).as("answer to request %d", id).isNotNull();
                if (response.has("error")) {
                    assertThat(response.at("/error/code").asInt()).isEqualTo(-32000);
                    busy++;
                } else {
                    assertThat(response.at("/result/isError").asBoolean())
                            .as("%s", response)
                            .isFalse();
                    succeeded.add(id);
                }
            }
            assertThat(busy).as("requests refused as busy").isPositive();
            Set<String> audited = correlationIds(auditLines());
            assertEveryAnsweredCallAudited(succeeded, audited);
            assertThat(audited).hasSameSizeAs(succeeded);
        }
    }
}
