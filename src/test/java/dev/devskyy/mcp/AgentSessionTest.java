package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AgentProfiles;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started as an agent ({@code serve --agent support}) runs every call as that agent. */
class AgentSessionTest {
    @TempDir
    Path state;

    LiveSession startAsSupport(Path audit) throws Exception {
        Caller platform =
                new Caller("platform", Grants.of(EnumSet.allOf(ToolPermission.class), List.of(state), List.of()), null);
        return new LiveSession(
                () -> new ToolRuntime(
                        ToolCatalogue.registry(Map.of()), IdempotencyStore.in(state), AuditLog.appendingTo(audit)),
                platform.asAgent(AgentProfiles.builtIn().find("support").orElseThrow()));
    }

    @Test
    void everyCallRunsAsTheAgent_evenUnderAnotherActor_andItsAuditLineNamesTheAgent() throws Exception {
        Path audit = state.resolve("audit.log");
        try (LiveSession session = startAsSupport(audit)) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"crypto_decrypt_fields\",\"arguments\":{},\"_meta\":{\"dev.devskyy/actor\":\"alice\"}}}");
            JsonNode denied = session.receive();
            assertThat(denied.at("/result/isError").asBoolean()).isTrue();
            assertThat(denied.at("/result/structuredContent/code").asText()).isEqualTo("E4003");
            assertThat(denied.at("/result/structuredContent/details/agent").asText())
                    .isEqualTo("support");
            assertThat(denied.at("/result/content/0/text").asText())
                    .contains("agent 'support' may not call tool crypto_decrypt_fields");

            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"data_mask\",\"arguments\":{\"text\":\"mail me at a@example.com\"}}}");
            JsonNode masked = session.receive();
            assertThat(masked.at("/result/isError").asBoolean())
                    .as(masked.toString())
                    .isFalse();
        }
        List<JsonNode> lines =
                Files.readAllLines(audit).stream().map(AgentSessionTest::parse).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("agent").asText()).isEqualTo("support");
        assertThat(lines.get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(lines.get(0).get("outcome").asText()).isEqualTo("E4003");
        assertThat(lines.get(1).get("agent").asText()).isEqualTo("support");
        assertThat(lines.get(1).get("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void eachAgentsInstructionsAreAPrompt() throws Exception {
        try (LiveSession session = startAsSupport(state.resolve("audit.log"))) {
            session.initialize();
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\"}");
            JsonNode list = session.receive();
            List<String> names = new java.util.ArrayList<>();
            list.at("/result/prompts").forEach(p -> names.add(p.get("name").asText()));
            assertThat(names)
                    .contains(
                            "agent_commerce",
                            "agent_creative",
                            "agent_marketing",
                            "agent_support",
                            "agent_operations",
                            "agent_analytics");

            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":"
                    + "\"agent_operations\",\"arguments\":{\"task\":\"check the release\"}}}");
            JsonNode prompt = session.receive();
            String text = prompt.at("/result/messages/0/content/text").asText();
            assertThat(text)
                    .as(prompt.toString())
                    .contains("DevSkyy operations agent", "security_scan", "check the release");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
