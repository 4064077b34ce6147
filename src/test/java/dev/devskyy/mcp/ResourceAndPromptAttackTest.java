package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.PromptSpec;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.testing.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model may be prompt-injected into reading any URI or filling prompt arguments with anything.
 * No resource is a file, so no URI reaches one; a URI or argument too large is refused, not
 * echoed; each bad request gets one -32602 and the session goes on.
 */
@Tag("security")
class ResourceAndPromptAttackTest {
    private static final String MODERN = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    @TempDir
    Path state;

    @TempDir
    Path root;

    /** A server granted a root holding a secret, as a real one would be. */
    LiveSession start() throws Exception {
        Files.writeString(root.resolve("secret.txt"), "TOP-SECRET-VALUE");
        Grants grants = Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), Set.of());
        return new LiveSession(
                () -> new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), AuditLog.DISCARD),
                new Caller("host", grants, null));
    }

    static String read(int id, String uri) {
        ObjectNode params = Json.object().put("uri", uri);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"resources/read\",\"params\":"
                + Json.compact(params).replaceFirst("}$", "," + MODERN + "}") + "}";
    }

    static String get(int id, ObjectNode arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"prompts/get\",\"params\":{\"name\":\"review_csp\","
                + "\"arguments\":" + Json.compact(arguments) + "," + MODERN + "}}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "devskyy://docs/../../etc/passwd",
                "devskyy://docs/%2e%2e/%2e%2e/etc/passwd",
                "devskyy://docs/..%2f..%2fetc%2fpasswd",
                "devskyy://docs/%252e%252e%252fsecret.txt",
                "devskyy://docs/errors%00.md",
                "devskyy://docs/errors\u0000",
                "devskyy://docs/ERRORS",
                "devskyy://docs/errors?raw=1",
                "devskyy://docs/errors#top",
                "devskyy://docs/../grants",
                "devskyy:///etc/passwd",
                "devskyy://../secret.txt",
                "devskyy://docs/pages.txt",
                "devskyy://docs/errors.md",
                "file:///etc/passwd",
                "jar:file:/devskyy.jar!/dev/devskyy/docs/errors.md",
                "classpath:/dev/devskyy/docs/errors.md",
                "http://127.0.0.1/",
                "secret.txt",
                ""
            })
    void noSpellingOfAPathReachesAFile_eachIsNotFoundWithItsUri(String uri) throws Exception {
        try (LiveSession session = start()) {
            session.send(read(1, uri));
            JsonNode answer = session.receive();
            assertThat(answer.has("result")).isFalse();
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(answer.at("/error/message").asText()).isEqualTo("Resource not found");
            assertThat(answer.at("/error/data/uri").asText()).isEqualTo(uri);
            assertThat(answer.toString()).doesNotContain("TOP-SECRET-VALUE").doesNotContain("root:x:0:0");
        }
    }

    @Test
    void aUriTooLongToBeOursIsRefused_andOnlyItsStartEchoed_evenCutInsideACharacter() throws Exception {
        try (LiveSession session = start()) {
            String uri = "devskyy://docs/" + "\uD83D\uDD11".repeat(50_000); // a key emoji: two chars each
            session.send(read(1, uri));
            JsonNode answer = session.receive();
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(answer.at("/error/message").asText())
                    .isEqualTo("Invalid params: uri longer than 2048 characters");
            String echoed = answer.at("/error/data/uri").asText();
            assertThat(echoed).hasSizeLessThan(600);
            assertThat(uri).startsWith(echoed);
            assertThat(Character.isHighSurrogate(echoed.charAt(echoed.length() - 1)))
                    .isFalse();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            assertThat(session.receive().get("id").asInt()).isEqualTo(2);
        }
    }

    @Test
    void anOversizedPromptArgumentIsRefused_notCutNorEchoed() throws Exception {
        try (LiveSession session = start()) {
            String big = "script-src 'self'; " + "x".repeat(PromptSpec.MAX_VALUE_BYTES);
            session.send(get(1, Json.object().put("policy", big)));
            JsonNode answer = session.receive();
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(answer.at("/error/message").asText()).contains("over the limit of 65536");
            assertThat(answer.toString()).hasSizeLessThan(1000);
        }
    }

    @Test
    void argumentsOfEveryOtherJsonTypeAreRefused_oneAnswerEach() throws Exception {
        try (LiveSession session = start()) {
            List<String> values = List.of("{\"a\":1}", "[\"x\"]", "true", "null", "1e400", "-0");
            for (int i = 0; i < values.size(); i++) {
                session.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"prompts/get\",\"params\":"
                        + "{\"name\":\"review_csp\",\"arguments\":{\"policy\":" + values.get(i) + "}," + MODERN + "}}");
                JsonNode answer = session.receive();
                McpSchema.assertValid("JSONRPCErrorResponse", answer);
                assertThat(answer.get("id").asInt()).isEqualTo(i);
                assertThat(answer.at("/error/message").asText())
                        .as(values.get(i))
                        .isEqualTo("Invalid params: argument policy must be a string");
            }
        }
    }

    @Test
    void aHugeUnknownPromptNameIsNotEchoed() throws Exception {
        try (LiveSession session = start()) {
            String name = "x".repeat(300_000);
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"" + name
                    + "\"," + MODERN + "}}");
            JsonNode answer = session.receive();
            assertThat(answer.at("/error/message").asText()).isEqualTo("Invalid params: unknown prompt");
        }
    }

    @Test
    void theGrantsResourceNeverShowsFileContents_onlyTheRoot() throws Exception {
        try (LiveSession session = start()) {
            session.send(read(1, "devskyy://grants"));
            String text = session.receive().at("/result/contents/0/text").asText();
            assertThat(text).contains(root.toRealPath().toString()).doesNotContain("TOP-SECRET-VALUE");
        }
    }
}
