package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    /**
     * The real server ({@code bin/devskyy serve}) with its answers going to a file: a test reading a
     * pipe while the process exits can lose the last of it (the JDK closes the pipe under the
     * reader), and these tests count every answer.
     */
    record Server(Process process, Path answers) implements AutoCloseable {
        void send(String lines) throws IOException {
            process.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        int endInputAndAwaitExit(long seconds) throws Exception {
            process.getOutputStream().close();
            return awaitExit(seconds);
        }

        int awaitExit(long seconds) throws Exception {
            assertThat(process.waitFor(seconds, TimeUnit.SECONDS))
                    .as("exited in time")
                    .isTrue();
            return process.exitValue();
        }

        /** The responses written so far, by id; the last line may still be on its way. */
        Map<Integer, JsonNode> responses() throws IOException {
            Map<Integer, JsonNode> byId = new HashMap<>();
            String text = Files.readString(answers);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode message = Json.parse(line);
                if (message.path("id").isInt()) {
                    assertThat(byId.put(message.get("id").asInt(), message))
                            .as("one answer per id: %s", line)
                            .isNull();
                }
            }
            return byId;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    Server start(String name, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Launcher.SCRIPT.toString(),
                "serve",
                "--allow",
                "filesystem:read",
                "--root",
                work.toString(),
                "--audit-log",
                audit().toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Launcher.PROJECT.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        Path answers = work.resolve(name + ".out");
        builder.redirectOutput(answers.toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        Server server = new Server(builder.start(), answers);
        server.send(
                ServerConversation.INITIALIZE + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        return server;
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
    static void sendBurst(Server server, int serverNumber, Path file) throws IOException {
        StringBuilder burst = new StringBuilder();
        for (int id = 1; id <= BURST; id++) {
            burst.append(tracedCall(serverNumber, id, file)).append('\n');
        }
        server.send(burst.toString());
    }

    /** The ids (1..BURST) of the tool calls answered so far. */
    static Set<Integer> answeredCalls(Server server) throws IOException {
        return server.responses().keySet();
    }

    static void awaitAnswers(Server server, int count) throws Exception {
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
        try (Server server = start("server")) {
            sendBurst(server, 0, file);
            awaitAnswers(server, 300);
            ShutdownAttackIT.signal(server.process(), "KILL"); // nothing runs after it
            server.awaitExit(30);
            Set<Integer> answered = answeredCalls(server);
            assertThat(answered.size()).as("killed before the burst ended").isLessThan(BURST);
            Set<String> audited = correlationIds(auditLines());
            assertEveryAnsweredCallAudited(answered, audited);
        }
    }

    @Test
    void sigtermMidBurst_everyAnsweredCallHasAWholeAuditLine_andEveryAuditedCallIsAnswered() throws Exception {
        Path file = smallFile();
        try (Server server = start("server")) {
            sendBurst(server, 0, file);
            awaitAnswers(server, 300);
            ShutdownAttackIT.signal(server.process(), "TERM"); // accepted calls are finished and answered first
            assertThat(server.awaitExit(60)).isZero();
            // a request read after the signal is answered too, refused as the server shuts down: it ran
            // no tool, so it has no audit line
            Set<Integer> ran = new HashSet<>();
            server.responses().forEach((id, response) -> {
                if (response.has("error")) {
                    assertThat(response.at("/error/message").asText())
                            .as("%s", response)
                            .contains("shutting down");
                } else {
                    ran.add(id);
                }
            });
            Set<String> audited = correlationIds(auditLines());
            assertEveryAnsweredCallAudited(ran, audited);
            assertThat(audited).as("an audit line for a call that ran only").hasSameSizeAs(ran);
        }
    }

    @Test
    void twoServersAppendingToOneAuditFile_interleaveWholeLinesOnly() throws Exception {
        Path file = smallFile();
        try (Server first = start("first");
                Server second = start("second")) {
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
        try (Server server = start("server", "--max-in-flight-bytes", "4K")) {
            sendBurst(server, 0, file);
            awaitAnswers(server, BURST);
            assertThat(server.endInputAndAwaitExit(120)).isZero();
            Map<Integer, JsonNode> responses = server.responses();
            int busy = 0;
            Set<Integer> succeeded = new HashSet<>();
            for (int id = 1; id <= BURST; id++) {
                JsonNode response = responses.get(id);
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
