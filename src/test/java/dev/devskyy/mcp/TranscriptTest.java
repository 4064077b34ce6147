package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every transcript under src/test/resources/transcripts against an in-process server. */
class TranscriptTest {
    static final Path DIRECTORY = Path.of("src/test/resources/transcripts");

    @TempDir
    Path state;

    static Stream<Transcript> transcripts() throws Exception {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Transcript> all = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                all.add(Transcript.read(file));
            }
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void serverAnswersAsTheTranscriptSays(Transcript transcript) throws Exception {
        List<JsonNode> sent = converse(transcript);
        List<JsonNode> expected = new ArrayList<>();
        for (String line : transcript.expected()) {
            expected.add(Json.parse(line));
        }
        List<JsonNode> unmatched = new ArrayList<>(sent);
        for (JsonNode want : expected) {
            JsonNode match = unmatched.stream()
                    .filter(got -> matches(want, got))
                    .findFirst()
                    .orElse(null);
            assertThat(match).as("expected %s among %s", want, unmatched).isNotNull();
            unmatched.remove(match);
        }
        assertThat(unmatched).as("messages the transcript does not expect").isEmpty();
        McpMessages.assertValid(transcript.input(), sent);
    }

    List<JsonNode> converse(Transcript transcript) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolServer.Options options = new ToolServer.Options(
                McpTestTools::registry,
                () -> new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), AuditLog.DISCARD),
                new Caller("host", Grants.NONE, null),
                transcript.pageSize(),
                transcript.maxMessageBytes(),
                64L << 20,
                java.time.Duration.ofSeconds(5));
        ToolServer.Settings settings = new ToolServer.Settings(
                new ByteArrayInputStream(transcript.input()), out, CompletableFuture.completedFuture(options));
        assertThat(new McpServer().serve(settings)).isZero();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("\r").endsWith("\n");
        List<JsonNode> sent = new ArrayList<>();
        for (String line : output.split("\n")) {
            sent.add(Json.parse(line));
        }
        return sent;
    }

    /** Deep equality, where the expected string "*" matches any value. */
    static boolean matches(JsonNode want, JsonNode got) {
        if (want.isTextual() && "*".equals(want.asText())) {
            return got != null;
        }
        if (got == null || want.getNodeType() != got.getNodeType()) {
            return false;
        }
        if (want.isObject()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : want.properties()) {
                if (!matches(field.getValue(), got.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!matches(want.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }
}
