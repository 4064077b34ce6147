package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devskyy.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a request says about its client, and how its answer is dressed for its era. */
class RequestTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final MessageWriter writer = new MessageWriter(out);
    private final ObjectNode initialized = (ObjectNode) parse("{\"sampling\":{}}");

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Request request(String params) {
        return new Request(
                Json.object().numberNode(1),
                "tools/call",
                (ObjectNode) parse(params),
                0,
                new Peer(writer, this, null),
                initialized);
    }

    private JsonNode sent() {
        return parse(out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aModernRequestsCapabilitiesAreItsOwn_neverWhatInitializeOrAnEarlierRequestDeclared() {
        Request first = request("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}}");
        Request second = request("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}");
        assertThat(first.modern()).isTrue();
        assertThat(first.clientCapabilities()).isEqualTo(parse("{\"elicitation\":{}}"));
        assertThat(second.clientCapabilities()).isEqualTo(Json.object());
        Request legacy = request("{\"_meta\":{\"progressToken\":1}}");
        assertThat(legacy.modern()).isFalse();
        assertThat(legacy.clientCapabilities()).isEqualTo(initialized);
    }

    @Test
    void aModernResultGetsItsResultTypeAndTheServersIdentity_keepingItsOwnMetaAndAnOtherResultType() {
        Request modern = request("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}");
        ObjectNode result = (ObjectNode) parse("{\"resultType\":\"task\",\"_meta\":{\"dev.devskyy/x\":1}}");
        modern.respond(result);
        JsonNode sent = sent().get("result");
        assertThat(sent.get("resultType").asText()).isEqualTo("task");
        assertThat(sent.at("/_meta/dev.devskyy~1x").asInt()).isEqualTo(1);
        assertThat(sent.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText())
                .isEqualTo("devskyy");
        assertThat(result)
                .as("the handler's object is left as it was")
                .isEqualTo(parse("{\"resultType\":\"task\",\"_meta\":{\"dev.devskyy/x\":1}}"));
    }

    @Test
    void aLegacyResultGoesOutAsTheHandlerMadeIt_evenWhenCacheable() {
        request("{}").respondCacheable((ObjectNode) parse("{\"tools\":[]}"), CachePolicy.CONFIGURATION);
        assertThat(sent().get("result")).isEqualTo(parse("{\"tools\":[]}"));
    }
}
