package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected client controls every byte of a request's {@code _meta}: whatever it puts
 * there is answered (once), never crashes the server, and never reaches the client or the audit log
 * as it was sent unless it was checked first.
 */
@Tag("security")
class EnvelopeAttackTest {
    private static final String VALID_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path state;

    private final List<AuditLog.Entry> audit = new CopyOnWriteArrayList<>();

    private LiveSession start() throws Exception {
        return new LiveSession(
                () -> new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), audit::add),
                new Caller("host", Grants.NONE, null));
    }

    private static ObjectNode modernMeta() {
        ObjectNode meta = Json.object();
        meta.put(Envelope.PROTOCOL_VERSION, ProtocolVersions.MODERN);
        meta.putObject(Envelope.CLIENT_CAPABILITIES);
        return meta;
    }

    private static String request(int id, String method, ObjectNode params) {
        ObjectNode request = Json.object();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        return Json.compact(request);
    }

    private static String echo(int id, JsonNode meta) {
        ObjectNode params = Json.object();
        params.put("name", "echo");
        params.putObject("arguments").put("message", "x");
        params.set("_meta", meta);
        return request(id, "tools/call", params);
    }

    @Test
    void aValidTraceparentNamesTheCallsAuditLine_inEitherEra() throws Exception {
        try (LiveSession session = start()) {
            ObjectNode modern = modernMeta();
            modern.put("traceparent", VALID_TRACEPARENT);
            modern.put("tracestate", "congo=t61rcWkgMzE");
            session.send(echo(1, modern));
            assertThat(session.receive().at("/result/isError").asBoolean()).isFalse();
            session.initialize();
            ObjectNode legacy = Json.object();
            legacy.put("traceparent", VALID_TRACEPARENT);
            session.send(echo(2, legacy));
            assertThat(session.receive().at("/result/isError").asBoolean()).isFalse();
        }
        assertThat(audit)
                .extracting(AuditLog.Entry::correlationId)
                .containsExactly(VALID_TRACEPARENT, VALID_TRACEPARENT);
    }

    @Test
    void anInvalidTraceparentIsIgnored_theCallRunsUnderARandomId_andNothingOfItIsEchoed() throws Exception {
        List<JsonNode> hostile = List.of(
                TextNode.valueOf(VALID_TRACEPARENT + "\n{\"forged\":\"FORGED\"}"),
                TextNode.valueOf("00-FORGED" + "a".repeat(10_240)),
                TextNode.valueOf(
                        VALID_TRACEPARENT.toUpperCase(java.util.Locale.ROOT).replace("0AF7", "FORG")),
                TextNode.valueOf("00-00000000000000000000000000000000-00f067aa0ba902b7-01"),
                TextNode.valueOf("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"),
                TextNode.valueOf("ff-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"),
                TextNode.valueOf("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-0\n"),
                TextNode.valueOf("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01-FORGED"),
                Json.object().put("FORGED", true),
                Json.array().add(VALID_TRACEPARENT));
        try (LiveSession session = start()) {
            int id = 0;
            for (JsonNode traceparent : hostile) {
                ObjectNode meta = modernMeta();
                meta.set("traceparent", traceparent);
                session.send(echo(++id, meta));
                JsonNode answer = session.receive();
                assertThat(answer.get("id").asInt()).isEqualTo(id);
                assertThat(answer.at("/result/isError").asBoolean())
                        .as("answered normally")
                        .isFalse();
                assertThat(Json.compact(answer)).doesNotContain("FORGED").doesNotContain("FORG");
            }
        }
        assertThat(audit).hasSize(hostile.size());
        assertThat(audit).allSatisfy(entry -> assertThat(entry.correlationId()).matches(UUID));
    }

    @Test
    void aProtocolVersionThatIsNoVersionIsMalformed_andNotEchoed() throws Exception {
        List<JsonNode> versions = List.of(
                TextNode.valueOf("2026-07-28" + "FORGED".repeat(2_000)),
                IntNode.valueOf(20260728),
                Json.object().put("FORGED", "2026-07-28"),
                Json.array().add("2026-07-28"),
                NullNode.getInstance(),
                BooleanNode.TRUE);
        try (LiveSession session = start()) {
            int id = 0;
            for (JsonNode version : versions) {
                ObjectNode meta = modernMeta();
                meta.set(Envelope.PROTOCOL_VERSION, version);
                ObjectNode params = Json.object();
                params.set("_meta", meta);
                session.send(request(++id, "tools/list", params));
                JsonNode answer = session.receive();
                assertThat(answer.get("id").asInt()).isEqualTo(id);
                assertThat(answer.at("/error/code").asInt())
                        .as("for %s", version)
                        .isEqualTo(JsonRpc.INVALID_PARAMS);
                assertThat(Json.compact(answer)).doesNotContain("FORGED");
            }
        }
    }

    @Test
    void anUnsupportedVersionWithAControlCharacterIsEchoedOnlyAsJsonText() throws Exception {
        try (LiveSession session = start()) {
            ObjectNode meta = modernMeta();
            meta.put(Envelope.PROTOCOL_VERSION, "2026-07-28\n{\"jsonrpc\":\"2.0\",\"id\":9}");
            ObjectNode params = Json.object();
            params.set("_meta", meta);
            session.send(request(1, "tools/list", params));
            JsonNode answer = session.receive(); // one line: the newline went out escaped
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(answer.at("/error/data/requested").asText())
                    .isEqualTo(meta.get(Envelope.PROTOCOL_VERSION).asText());
            session.endInput();
            assertThat(session.receive()).as("nothing more than the one answer").isNull();
        }
    }

    @Test
    void aMetaThatIsNotAnObjectIsInvalidParams_andNeverAModernClaim() throws Exception {
        List<JsonNode> metas = List.of(
                TextNode.valueOf("FORGED"), Json.array().add("FORGED"), IntNode.valueOf(5), NullNode.getInstance());
        try (LiveSession session = start()) {
            session.initialize();
            int id = 0;
            for (JsonNode meta : metas) {
                ObjectNode params = Json.object();
                params.set("_meta", meta);
                session.send(request(++id, "tools/list", params));
                JsonNode answer = session.receive();
                assertThat(answer.at("/error/code").asInt()).as("for %s", meta).isEqualTo(JsonRpc.INVALID_PARAMS);
                assertThat(Json.compact(answer)).doesNotContain("FORGED");
            }
        }
    }

    @Test
    void aDeepOrHugeEnvelopeIsServedOrRefusedByTheParserAndMessageLimits_neverCrashes() throws Exception {
        try (LiveSession session = start()) {
            ObjectNode deep = modernMeta();
            ObjectNode level = (ObjectNode) deep.get(Envelope.CLIENT_CAPABILITIES);
            for (int i = 0; i < 150; i++) {
                level = level.putObject("experimental");
            }
            session.send(echo(1, deep));
            assertThat(session.receive().at("/result/resultType").asText()).isEqualTo("complete");
            for (int i = 150; i < 400; i++) {
                level = level.putObject("experimental");
            }
            session.send(echo(0, deep)); // deeper than the parser goes: not JSON we read, so no id
            assertThat(session.receive().at("/error/code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);

            ObjectNode wide = modernMeta();
            ObjectNode capabilities = (ObjectNode) wide.get(Envelope.CLIENT_CAPABILITIES);
            for (int i = 0; i < 20_000; i++) {
                capabilities.putObject("x-" + i);
            }
            session.send(echo(2, wide)); // ~300 KB: under the 1 MB line limit of this session
            assertThat(session.receive().at("/result/resultType").asText()).isEqualTo("complete");

            for (int i = 20_000; i < 100_000; i++) {
                capabilities.putObject("x-" + i);
            }
            session.send(echo(3, wide)); // ~1.5 MB: over it
            JsonNode refused = session.receive();
            assertThat(refused.get("id").asInt()).isEqualTo(3);
            assertThat(refused.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);

            session.send(echo(4, modernMeta()));
            assertThat(session.receive().get("id").asInt()).as("still serving").isEqualTo(4);
        }
    }
}
