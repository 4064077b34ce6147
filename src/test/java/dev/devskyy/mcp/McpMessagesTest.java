package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema check bites: an answer that is fine in one era fails in the other. */
class McpMessagesTest {
    private static final String MODERN_LIST =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
                    + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n";
    private static final String LEGACY_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n";

    private static void check(String input, String... sent) throws Exception {
        List<JsonNode> messages = new java.util.ArrayList<>();
        for (String message : sent) {
            messages.add(Json.parse(message));
        }
        McpMessages.assertValid(input.getBytes(StandardCharsets.UTF_8), messages);
    }

    @Test
    void aModernListWithoutItsCacheFieldsOrResultTypeFails_theSameAnswerToALegacyRequestPasses() {
        String bare = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}";
        assertThatThrownBy(() -> check(MODERN_LIST, bare)).isInstanceOf(AssertionError.class);
        assertThatCode(() -> check(LEGACY_LIST, bare)).doesNotThrowAnyException();
    }

    @Test
    void aLegacyAnswerWithAResultTypeFails_andAModernOneNeedsServerInfo() {
        String modern = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[],\"resultType\":\"complete\","
                + "\"ttlMs\":0,\"cacheScope\":\"private\"}}";
        assertThatThrownBy(() -> check(LEGACY_LIST, modern)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> check(MODERN_LIST, modern)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aModernRequestIsNeverToldToInitialize_andItsVersionErrorCarriesTheSchemasData() {
        String notInitialized = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,\"message\":\"x\"}}";
        assertThatThrownBy(() -> check(MODERN_LIST, notInitialized)).isInstanceOf(AssertionError.class);
        String noData = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"x\"}}";
        assertThatThrownBy(() -> check(MODERN_LIST, noData)).isInstanceOf(AssertionError.class);
    }
}
