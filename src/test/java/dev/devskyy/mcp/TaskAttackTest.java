package dev.devskyy.mcp;

import static dev.devskyy.mcp.TaskClient.modern;
import static dev.devskyy.mcp.TaskClient.taskId;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.testing.McpSchema;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller that may be a prompt-injected model tries to reach tasks that are not its own, or to
 * make the server echo or hash what it sends: ids cannot be guessed, and every malformed id is
 * answered briefly with -32602.
 */
@Tag("security")
class TaskAttackTest {
    @TempDir
    Path state;

    private final CountDownLatch gate = new CountDownLatch(1);

    private TaskClient client() throws Exception {
        ToolRegistry tools = new ToolRegistry()
                .register(tool("gate", (a, c) -> {
                            gate.await();
                            return echo().run(a, c);
                        })
                        .longRunning(true)
                        .build());
        return new TaskClient(tools, state, AuditLog.DISCARD);
    }

    @Test
    void taskIdsAreLongAndUnrelated_andANeighbourOfARealIdFindsNothing() throws Exception {
        try (TaskClient client = client()) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 32; i++) {
                String id = client.createTask("gate", "x");
                assertThat(id).hasSizeGreaterThanOrEqualTo(22); // at least 128 bits in base64url
                ids.add(id);
            }
            assertThat(ids).hasSize(32);
            for (String id : ids) {
                char last = id.charAt(id.length() - 1);
                String neighbour = id.substring(0, id.length() - 1) + (last == 'A' ? 'B' : 'A');
                assertThat(client.get(neighbour).at("/error/code").asInt()).isEqualTo(-32602);
                assertThat(client.get(id.toUpperCase()).has("result")).isEqualTo(id.equals(id.toUpperCase()));
            }
            gate.countDown();
        }
    }

    @Test
    void aHugeTaskIdIsRefusedBriefly_andNeverEchoed() throws Exception {
        try (TaskClient client = client()) {
            String huge = "A".repeat(512 << 10);
            int id = client.nextId();
            client.send(modern(id, "tasks/get", taskId(TextNode.valueOf(huge)), true));
            JsonNode answer = client.answer(id);
            assertThat(answer.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(Json.compact(answer)).hasSizeLessThan(300).doesNotContain("AAAAAAAA");
        }
    }

    @Test
    void nonStringTaskIdsAreInvalidParams() throws Exception {
        try (TaskClient client = client()) {
            String real = client.createTask("gate", "x");
            List<String> hostile = List.of(
                    "1", "-1", "1e308", "null", "true", "[]", "[\"" + real + "\"]", "{\"taskId\":\"" + real + "\"}");
            for (String value : hostile) {
                for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
                    int id = client.nextId();
                    client.send(modern(id, method, taskId(Json.parse(value)), true));
                    JsonNode answer = client.answer(id);
                    assertThat(answer.at("/error/code").asInt())
                            .as(method + " " + value)
                            .isEqualTo(-32602);
                    assertThat(answer.at("/error/message").asText()).contains("taskId must be a string");
                    McpSchema.assertValid("JSONRPCErrorResponse", answer);
                }
            }
            int id = client.nextId();
            client.send(modern(id, "tasks/get", Json.object(), true)); // no taskId at all
            assertThat(client.answer(id).at("/error/code").asInt()).isEqualTo(-32602);
            // none of it touched the real task
            assertThat(client.get(real).at("/result/status").asText()).isEqualTo("working");
            gate.countDown();
        }
    }

    @Test
    void capabilitiesCountPerRequest_aTaskCreatedWithTheExtensionIsNotReadableWithoutIt() throws Exception {
        try (TaskClient client = client()) {
            String real = client.createTask("gate", "secret result");
            gate.countDown();
            assertThat(client.awaitEnd(real).get("status").asText()).isEqualTo("completed");
            int id = client.nextId();
            client.send(modern(id, "tasks/get", taskId(TextNode.valueOf(real)), false));
            JsonNode answer = client.answer(id);
            assertThat(answer.at("/error/code").asInt()).isEqualTo(-32021);
            assertThat(Json.compact(answer)).doesNotContain("secret result");
        }
    }
}
