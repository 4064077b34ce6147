package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long tools log what they do to a client that asked ({@code logging/setLevel}), as
 * {@code notifications/message}: the phases and counts of a scan, the steps of the file crypto
 * tools. A log line is read by the host and often shown or stored; none may carry the key, a
 * password the scan found, the plaintext, or a path from the caller.
 */
@Tag("security")
class ToolLogAttackIT {
    static final byte[] KEY = "devskyy-known-master-key-32bytes".getBytes(StandardCharsets.US_ASCII);
    static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);
    static final String PASSWORD = "Xq7#vLp2!zR9wKd4mT8s-known";
    static final String PLAINTEXT = "the known plaintext: launch codes 0000";

    @TempDir
    Path home;

    @TempDir
    Path work;

    ServerConversation start() throws Exception {
        Files.writeString(work.resolve("settings.py"), "password = \"" + PASSWORD + "\"\n");
        Files.writeString(work.resolve("note.txt"), PLAINTEXT + "\n");
        return new ServerConversation(
                home,
                Map.of("ENCRYPTION_MASTER_KEY", KEY_BASE64),
                "serve",
                "--allow",
                "filesystem:read",
                "--allow",
                "filesystem:write",
                "--allow",
                "keys:use",
                "--root",
                work.toString());
    }

    /** Calls each long tool in turn, waiting for each answer. */
    static void callTheLongTools(ServerConversation server, Path work) throws Exception {
        String[][] calls = {
            {"scan", "security_scan", "{\"paths\":[\"" + work + "\"],\"checks\":[\"secrets\"]}"},
            {"encrypt", "crypto_encrypt_file", "{\"path\":\"" + work.resolve("note.txt") + "\"}"},
            {"verify", "crypto_verify_file", "{\"path\":\"" + work.resolve("note.txt.dsky") + "\"}"},
            {
                "decrypt",
                "crypto_decrypt_file",
                "{\"path\":\"" + work.resolve("note.txt.dsky") + "\",\"output\":\"" + work.resolve("back.txt") + "\"}"
            },
        };
        for (String[] call : calls) {
            server.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + call[0] + "\",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"" + call[1] + "\",\"arguments\":" + call[2] + "}}");
            server.awaitAnswer(call[0], 60_000);
            JsonNode result = server.responsesById().get(call[0]).get("result");
            assertThat(result.get("isError").asBoolean()).as("%s", result).isFalse();
        }
    }

    static List<JsonNode> logLines(ServerConversation server) {
        return server.received.stream()
                .filter(m -> "notifications/message".equals(m.path("method").asText()))
                .toList();
    }

    @Test
    void aClientThatSetALevelGetsProgressLines_withoutASecretOrAPath() throws Exception {
        try (ServerConversation server = start()) {
            server.send("{\"jsonrpc\":\"2.0\",\"id\":\"level\",\"method\":\"logging/setLevel\","
                    + "\"params\":{\"level\":\"info\"}}");
            server.awaitAnswer("level", 60_000);
            callTheLongTools(server, work);
            assertThat(Files.readString(work.resolve("back.txt"))).contains(PLAINTEXT);
            List<JsonNode> lines = logLines(server);

            for (String tool :
                    List.of("security_scan", "crypto_encrypt_file", "crypto_verify_file", "crypto_decrypt_file")) {
                assertThat(lines)
                        .as("log lines of %s", tool)
                        .anySatisfy(line ->
                                assertThat(line.at("/params/logger").asText()).isEqualTo("devskyy/" + tool));
            }
            assertThat(lines)
                    .extracting(line -> line.at("/params/data").asText())
                    .anySatisfy(
                            data -> assertThat(data).contains("scanned 2 files").contains("1 findings (1 high)"))
                    .allSatisfy(data -> assertThat(data)
                            .doesNotContain(PASSWORD)
                            .doesNotContain(KEY_BASE64)
                            .doesNotContain(new String(KEY, StandardCharsets.US_ASCII))
                            .doesNotContain(PLAINTEXT)
                            .doesNotContain(work.toString()));
            // stderr is whole only once the server has exited
            assertThat(server.endInputAndAwaitExit(30)).isZero();
            assertThat(server.stderr()).doesNotContain(PASSWORD).doesNotContain(KEY_BASE64);
        }
    }

    @Test
    void aClientThatDidNotAskGetsNoInfoLines() throws Exception {
        try (ServerConversation server = start()) {
            callTheLongTools(server, work);
            assertThat(logLines(server)).isEmpty();
        }
    }
}
