package dev.devskyy.mcp;

import static dev.devskyy.mcp.TaskClient.call;
import static dev.devskyy.mcp.TaskClient.modern;
import static dev.devskyy.mcp.TaskClient.taskId;
import static dev.devskyy.testing.TestTools.echo;
import static dev.devskyy.testing.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.AuditLog;
import dev.devskyy.runtime.Caller;
import dev.devskyy.runtime.Grants;
import dev.devskyy.runtime.Json;
import dev.devskyy.runtime.ToolPermission;
import dev.devskyy.runtime.ToolRegistry;
import dev.devskyy.runtime.ToolSpec;
import dev.devskyy.testing.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks extension end to end, on a live session: a long tool called by a 2026-07-28 client that
 * declares the extension gets a task; polling shows it working, then its outcome; everything else
 * is answered as before. Every answer is checked against the official schemas.
 */
class TasksTest {
    @TempDir
    Path state;

    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<AuditLog.Entry> audit = new CopyOnWriteArrayList<>();

    /** "gate" waits for the test, "steps" reports progress, "work" takes a moment; "echo" is short. */
    private ToolRegistry tools() {
        return new ToolRegistry()
                .register(tool("echo", echo()).build())
                .register(tool("gate", (a, c) -> {
                            gate.await();
                            return echo().run(a, c);
                        })
                        .longRunning(true)
                        .build())
                .register(tool("steps", (a, c) -> {
                            c.progress(1, 2.0, "first half done");
                            c.log("info", "halfway");
                            gate.await();
                            return echo().run(a, c);
                        })
                        .longRunning(true)
                        .build())
                .register(tool("work", (a, c) -> {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
                            return echo().run(a, c);
                        })
                        .longRunning(true)
                        .build());
    }

    private TaskClient client() throws Exception {
        return new TaskClient(tools(), state, audit::add);
    }

    @Test
    void aLongCall_becomesATask_thatIsWorking_thenCompletedWithTheCallResult() throws Exception {
        try (TaskClient client = client()) {
            String task = client.createTask("steps", "done");
            JsonNode working = client.get(task).get("result");
            assertThat(working.get("resultType").asText()).isEqualTo("complete");
            assertThat(working.get("taskId").asText()).isEqualTo(task);
            assertThat(working.get("status").asText()).isEqualTo("working");
            assertThat(working.get("ttlMs").asLong()).isEqualTo(30_000 + TaskStore.RETENTION.toMillis());
            assertThat(working.get("pollIntervalMs").asLong()).isEqualTo(TaskStore.POLL_INTERVAL_MS);
            awaitStatusMessage(client, task, "first half done");
            gate.countDown();
            JsonNode completed = client.awaitEnd(task);
            assertThat(completed.get("status").asText()).isEqualTo("completed");
            assertThat(completed.at("/result/resultType").asText()).isEqualTo("complete");
            assertThat(completed.at("/result/isError").asBoolean()).isFalse();
            assertThat(completed.at("/result/structuredContent/echo").asText()).isEqualTo("done");
            assertThat(completed
                            .at("/_meta/io.modelcontextprotocol~1serverInfo/name")
                            .asText())
                    .isEqualTo("devskyy");
            // the result stays until the task expires; polling again gives the same answer
            assertThat(client.get(task).at("/result/result")).isEqualTo(completed.get("result"));
            // a task gets no notifications: the next message is the answer to the next request
            int id = client.nextId();
            client.send(modern(id, "tools/call", call("echo", "next"), true));
            assertThat(client.answer(id).at("/result/structuredContent/echo").asText())
                    .isEqualTo("next");
        }
    }

    private static void awaitStatusMessage(TaskClient client, String task, String expected) throws Exception {
        for (int i = 0; i < 2_000; i++) {
            if (expected.equals(client.get(task).at("/result/statusMessage").asText())) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no status message " + expected);
    }

    @Test
    void discoveryAdvertisesTheExtension() throws Exception {
        try (TaskClient client = client()) {
            int id = client.nextId();
            client.send(modern(id, "server/discover", Json.object(), false));
            JsonNode capabilities = client.answer(id).at("/result/capabilities");
            assertThat(capabilities.at("/extensions/io.modelcontextprotocol~1tasks"))
                    .isEqualTo(Json.object());
        }
    }

    @Test
    void theLongToolsAreTheScanAndTheFileCryptoTools() {
        assertThat(ToolCatalogue.registry(Map.of()).list().stream()
                        .filter(ToolSpec::longRunning)
                        .map(ToolSpec::name))
                .containsExactlyInAnyOrder(
                        "security_scan",
                        "crypto_encrypt_file",
                        "crypto_decrypt_file",
                        "crypto_rotate_file",
                        "crypto_verify_file");
    }

    @Test
    void securityScan_runsAsATask_andItsReportIsTheTaskResult(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("app.py"), "DEBUG = True\n");
        Caller reader =
                new Caller("host", Grants.of(Set.of(ToolPermission.FILESYSTEM_READ), List.of(root), Set.of()), null);
        try (TaskClient client = new TaskClient(ToolCatalogue.registry(Map.of()), state, audit::add, reader)) {
            int id = client.nextId();
            ObjectNode params = Json.object().put("name", "security_scan");
            params.putObject("arguments").putArray("paths").add(root.toString());
            client.send(modern(id, "tools/call", params, true));
            JsonNode created = client.answer(id).get("result");
            McpSchema.assertValidTask("CreateTaskResult", created);
            assertThat(created.get("ttlMs").asLong()).isEqualTo(600_000 + TaskStore.RETENTION.toMillis());
            JsonNode completed = client.awaitEnd(created.get("taskId").asText());
            assertThat(completed.get("status").asText()).isEqualTo("completed");
            assertThat(completed.at("/result/isError").asBoolean())
                    .as(completed.toString())
                    .isFalse();
            assertThat(completed
                            .at("/result/structuredContent/summary/findings")
                            .asInt())
                    .isPositive();
            assertThat(audit)
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.outcome()).isEqualTo("ok"));
        }
    }

    @Test
    void aToolErrorIsACompletedTask_withTheIsErrorResult() throws Exception {
        try (TaskClient client = client()) {
            int id = client.nextId();
            ObjectNode params = Json.object().put("name", "work");
            params.putObject("arguments").put("message", 42); // not a string: E4001
            client.send(modern(id, "tools/call", params, true));
            String task = client.answer(id).at("/result/taskId").asText();
            JsonNode completed = client.awaitEnd(task);
            assertThat(completed.get("status").asText()).isEqualTo("completed");
            assertThat(completed.at("/result/isError").asBoolean()).isTrue();
            assertThat(completed.at("/result/structuredContent/code").asText()).isEqualTo("E4001");
        }
    }

    @Test
    void cancel_isAcknowledged_stopsTheCallThroughTheRuntime_andTheTaskEndsCancelled() throws Exception {
        try (TaskClient client = client()) {
            String task = client.createTask("gate", "never");
            JsonNode ack = client.signal("tasks/cancel", task);
            assertThat(ack.at("/result/resultType").asText()).isEqualTo("complete");
            JsonNode cancelled = client.awaitEnd(task);
            assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.get("statusMessage").asText()).contains("cancel");
            assertThat(cancelled.has("result")).isFalse();
            assertThat(audit).singleElement().satisfies(entry -> {
                assertThat(entry.tool()).isEqualTo("gate");
                assertThat(entry.outcome()).isEqualTo("E4006");
            });
            // cancelling again, or a finished task, is harmless
            assertThat(client.signal("tasks/cancel", task).has("result")).isTrue();
        }
    }

    @Test
    void update_isAcknowledged_andIgnoresWhatItCarries() throws Exception {
        try (TaskClient client = client()) {
            String task = client.createTask("gate", "x");
            int id = client.nextId();
            ObjectNode params = taskId(TextNode.valueOf(task));
            params.putObject("inputResponses").putObject("never-asked").put("action", "accept");
            params.put("unknownKey", true);
            client.send(modern(id, "tasks/update", params, true));
            JsonNode ack = client.answer(id).get("result");
            McpSchema.assertValidTask("UpdateTaskResult", ack);
            assertThat(client.get(task).at("/result/status").asText()).isEqualTo("working");
            gate.countDown();
            assertThat(client.awaitEnd(task).get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void aCallThatWouldHaveBeenAJsonRpcError_isAFailedTask() throws Exception {
        // An audit line that cannot be written fails the call: a blocking call answers -32603.
        AuditLog broken = entry -> {
            throw new IllegalStateException("audit log unwritable");
        };
        try (TaskClient client = new TaskClient(tools(), state, broken)) {
            String task = client.createTask("work", "x");
            JsonNode failed = client.awaitEnd(task);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.at("/error/code").asInt()).isEqualTo(-32603);
            assertThat(failed.at("/error/message").asText()).isEqualTo("Internal error");
            assertThat(failed.has("result")).isFalse();
        }
    }

    @Test
    void anUnknownTaskId_isInvalidParams() throws Exception {
        try (TaskClient client = client()) {
            for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
                JsonNode error = client.signal(method, "no-such-task");
                assertThat(error.at("/error/code").asInt()).as(method).isEqualTo(-32602);
            }
        }
    }

    @Test
    void aShortToolIsAnsweredAtOnce_evenWhenTheClientDeclaredTasks() throws Exception {
        try (TaskClient client = client()) {
            int id = client.nextId();
            client.send(modern(id, "tools/call", call("echo", "quick"), true));
            JsonNode result = client.answer(id).get("result");
            assertThat(result.get("resultType").asText()).isEqualTo("complete");
            assertThat(result.at("/structuredContent/echo").asText()).isEqualTo("quick");
        }
    }

    @Test
    void withoutTheExtension_aLongCallBlocks_withProgressNotifications() throws Exception {
        try (TaskClient client = client()) {
            int id = client.nextId();
            ObjectNode request = modern(id, "tools/call", call("steps", "blocking"), false);
            ((ObjectNode) request.at("/params/_meta")).put("progressToken", "p1");
            client.send(request);
            JsonNode progress = client.session.receive();
            McpSchema.assertValid("ProgressNotification", progress);
            assertThat(progress.at("/params/message").asText()).isEqualTo("first half done");
            gate.countDown();
            JsonNode result = client.answer(id).get("result");
            assertThat(result.get("resultType").asText()).isEqualTo("complete");
            assertThat(result.has("taskId")).isFalse();
            assertThat(result.at("/structuredContent/echo").asText()).isEqualTo("blocking");
        }
    }

    @Test
    void withoutTheExtension_taskMethodsAreMissingACapability() throws Exception {
        try (TaskClient client = client()) {
            String task = client.createTask("gate", "x"); // a real id: the capability is checked first
            for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
                int id = client.nextId();
                client.send(modern(id, method, taskId(TextNode.valueOf(task)), false));
                JsonNode error = client.answer(id).get("error");
                assertThat(error.get("code").asInt()).as(method).isEqualTo(-32021);
                assertThat(error.get("data"))
                        .isEqualTo(Json.parse(
                                "{\"requiredCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}"));
            }
            assertThat(client.get(task).at("/result/status").asText()).isEqualTo("working"); // not cancelled
            gate.countDown();
        }
    }

    @Test
    void legacyClients_callLongToolsAsToday_andHaveNoTaskMethods() throws Exception {
        try (TaskClient client = client()) {
            client.session.initialize();
            client.session.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"steps\","
                            + "\"arguments\":{\"message\":\"old\"},\"_meta\":{\"progressToken\":\"t\"}}}");
            McpSchema.assertValid("ProgressNotification", client.session.receive());
            gate.countDown();
            JsonNode result = client.answer(1).get("result");
            McpSchema.assertValid("CallToolResult", result);
            assertThat(result.has("resultType")).isFalse();
            assertThat(result.at("/structuredContent/echo").asText()).isEqualTo("old");
            for (String method : List.of("tasks/get", "tasks/cancel", "tasks/update")) {
                client.session.send(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method + "\",\"params\":{\"taskId\":\"x\"}}");
                assertThat(client.answer(2).at("/error/code").asInt())
                        .as(method)
                        .isEqualTo(-32601);
            }
        }
    }

    @Test
    void pastTheTaskCap_longCallsAreAnsweredBlocking_whilePollingIsStillAnswered() throws Exception {
        try (TaskClient client = client()) {
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < Session.MAX_TASKS; i++) {
                tasks.add(client.createTask("gate", "t" + i));
            }
            int id = client.nextId();
            client.send(modern(id, "tools/call", call("gate", "over the cap"), true));
            // every pool thread waits at the gate, yet polling is answered on the reading thread
            assertThat(client.get(tasks.get(0)).at("/result/status").asText()).isEqualTo("working");
            gate.countDown();
            JsonNode blocking = client.answer(id).get("result");
            assertThat(blocking.get("resultType").asText()).isEqualTo("complete");
            assertThat(blocking.at("/structuredContent/echo").asText()).isEqualTo("over the cap");
            for (int i = 0; i < tasks.size(); i++) {
                assertThat(client.awaitEnd(tasks.get(i))
                                .at("/result/structuredContent/echo")
                                .asText())
                        .isEqualTo("t" + i);
            }
        }
    }

    @Test
    void manyTasksPolledTogether_eachEndsWithItsOwnResult() throws Exception {
        try (TaskClient client = client()) {
            Map<String, String> messageByTask = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                messageByTask.put(client.createTask("work", "m" + i), "m" + i);
            }
            Map<String, JsonNode> ended = new HashMap<>();
            for (int round = 0; round < 4_000 && ended.size() < messageByTask.size(); round++) {
                for (String task : messageByTask.keySet()) {
                    if (!ended.containsKey(task)) {
                        JsonNode result = client.get(task).get("result");
                        if (!result.get("status").asText().equals("working")) {
                            ended.put(task, result);
                        }
                    }
                }
            }
            assertThat(ended).hasSameSizeAs(messageByTask);
            ended.forEach((task, result) -> {
                assertThat(result.get("taskId").asText()).isEqualTo(task);
                assertThat(result.at("/result/structuredContent/echo").asText()).isEqualTo(messageByTask.get(task));
            });
        }
    }
}
