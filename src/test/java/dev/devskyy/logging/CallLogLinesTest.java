package dev.devskyy.logging;

import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.AgentProfile;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolCallRequest;
import dev.devskyy.runtime.ToolCallResult;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JSON log line written during a call names the call: its correlation id, actor and agent. */
class CallLogLinesTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.devskyy.test.Tool");

    @TempDir
    Path state;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream realErr;

    @BeforeEach
    void capture() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        StderrLogging.apply("info", StderrLogging.Format.JSON);
    }

    @AfterEach
    void restore() {
        StderrLogging.apply("warn", StderrLogging.Format.TEXT);
        System.setErr(realErr);
    }

    @Test
    void theToolsLogLineCarriesTheCallsNames_andTheThreadForgetsThemAfterwards() throws Exception {
        ToolRegistry registry = new ToolRegistry()
                .register(tool("noisy", (a, c) -> {
                            LOG.info("working");
                            return echo().run(a, c);
                        })
                        .build());
        AgentProfile reporter = new AgentProfile("reporter", "d", "i", Set.of(), Set.of("noisy"));
        Caller caller = new Caller("alice", Grants.NONE, null).asAgent(reporter);
        ToolCallResult result;
        try (ToolRuntime runtime = new ToolRuntime(registry, IdempotencyStore.in(state), AuditLog.DISCARD)) {
            result = runtime.call(ToolCallRequest.builder("noisy", Json.parse("{\"message\":\"m\"}"), caller)
                    .build());
        }
        LOG.info("after");
        List<JsonNode> lines = err.toString(StandardCharsets.UTF_8)
                .lines()
                .map(CallLogLinesTest::parse)
                .toList();
        JsonNode working = lines.stream()
                .filter(l -> l.get("message").asText().equals("working"))
                .findFirst()
                .orElseThrow();
        assertThat(working.get("correlationId").asText()).isEqualTo(result.correlationId());
        assertThat(working.get("actor").asText()).isEqualTo("alice");
        assertThat(working.get("agent").asText()).isEqualTo("reporter");
        JsonNode after = lines.stream()
                .filter(l -> l.get("message").asText().equals("after"))
                .findFirst()
                .orElseThrow();
        assertThat(after.has("correlationId") || after.has("agent") || after.has("actor"))
                .isFalse();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
