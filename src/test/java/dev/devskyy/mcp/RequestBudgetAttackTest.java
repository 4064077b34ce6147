package dev.devskyy.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.IdempotencyStore;
import dev.devskyy.runtime.ToolRuntime;
import dev.devskyy.runtime.ToolServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-flight budget: refused at once when full, given back when calls end; ids unique while in progress. */
@Tag("security")
class RequestBudgetAttackTest {
    @TempDir
    Path state;

    LiveSession start(long budget) throws Exception {
        return new LiveSession(CompletableFuture.completedFuture(new ToolServer.Options(
                McpTestTools::registry,
                () -> new ToolRuntime(McpTestTools.registry(), IdempotencyStore.in(state), AuditLog.DISCARD),
                new Caller("host", Grants.NONE, null),
                100,
                1 << 20,
                budget,
                Duration.ofSeconds(1))));
    }

    static String slow(String id, int size) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"slow\",\"arguments\":{\"message\":\"" + "x".repeat(size) + "\"}}}";
    }

    @Test
    void aRequestOverTheBudgetIsRefusedAtOnce_pingIsStillAnswered_andTheBudgetComesBackWhenCallsEnd() throws Exception {
        try (LiveSession session = start(10_000)) {
            session.initialize();
            session.send(slow("a", 2_000)); // about 4 KB each with the per-value cost
            session.send(slow("b", 2_000));
            session.send(slow("c", 2_000));
            JsonNode refused = session.receive();
            assertThat(refused.get("id").asText()).isEqualTo("c");
            assertThat(refused.at("/error/code").asInt()).isEqualTo(JsonRpc.SERVER_BUSY);
            assertThat(refused.at("/error/message").asText()).contains("--max-in-flight-bytes");
            session.send(slow("huge", 20_000));
            JsonNode tooLarge = session.receive();
            assertThat(tooLarge.get("id").asText()).isEqualTo("huge");
            assertThat(tooLarge.at("/error/message").asText()).startsWith("Request too large");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
            assertThat(session.receive().get("id").asText()).isEqualTo("p");
            session.send(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"a\"}}");
            // The cancelled call's bytes come back once it has ended: a new call fits again.
            JsonNode accepted = null;
            for (int attempt = 0; attempt < 100 && accepted == null; attempt++) {
                session.send(slow("d" + attempt, 2_000));
                session.send("{\"jsonrpc\":\"2.0\",\"id\":\"q" + attempt + "\",\"method\":\"ping\"}");
                JsonNode first = session.receive();
                if (first.get("id").asText().startsWith("q")) {
                    accepted = first; // the ping came first: the call was accepted and is running
                } else {
                    assertThat(session.receive().get("id").asText()).isEqualTo("q" + attempt);
                    Thread.sleep(20);
                }
            }
            assertThat(accepted).as("a call accepted after the cancellation").isNotNull();
        }
    }

    @Test
    void anIdInUseByACallInProgressIsRefused_theFirstCallIsUntouched() throws Exception {
        try (LiveSession session = start(1 << 20)) {
            session.initialize();
            session.send(slow("same", 10));
            session.send(slow("same", 10));
            JsonNode duplicate = session.receive();
            assertThat(duplicate.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(duplicate.at("/error/message").asText()).contains("already used");
            session.endInput();
            JsonNode original = session.receive();
            assertThat(original.get("id").asText()).isEqualTo("same");
            assertThat(original.at("/result/structuredContent/code").asText()).isEqualTo("E4006");
            assertThat(session.awaitExit()).isZero();
        }
    }
}
